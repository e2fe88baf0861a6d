'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { moveActive, paletteItems, type PaletteBlueprint, type PaletteEntity } from '@/lib/catalog-view/quick-search-items';
import { api, queryKeys } from '@/lib/web/api-client';
import { useDebounced } from '@/lib/web/use-debounced';

// Ctrl/Cmd-K: a command palette over the team's blueprints and entities (by identifier and
// title, GET /teams/{team}/search). A modal dialog whose input is a combobox over a listbox:
// arrows move, Enter opens, Escape closes, Tab stays inside, focus returns where it was.

type Props = { team: string; blueprints: PaletteBlueprint[]; canSearchEntities: boolean };

export function QuickSearch({ team, blueprints, canSearchEntities }: Props) {
  const [open, setOpen] = useState(false);
  const isOpen = useRef(false); // read by the window's key listener, which outlives renders
  const returnFocus = useRef<HTMLElement | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);

  const show = (from: Element | null) => {
    // Where focus goes back to: the element that had it, or the trigger when none had (the body).
    returnFocus.current = from instanceof HTMLElement && from !== document.body ? from : trigger.current;
    isOpen.current = true;
    setOpen(true);
  };
  const close = () => {
    isOpen.current = false;
    setOpen(false);
    returnFocus.current?.focus?.();
  };

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        if (isOpen.current) close();
        else show(document.activeElement);
      }
    };
    window.addEventListener('keydown', onKey);
    // Marked once the listener is attached (after hydration): tests and tools wait for it rather
    // than pressing Ctrl+K into a page that cannot hear it yet.
    trigger.current?.setAttribute('data-shortcut-ready', '');
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button
        type="button"
        ref={trigger}
        onClick={(e) => show(e.currentTarget)}
        className="flex h-9 w-64 items-center gap-2 rounded-md border border-slate-300 bg-slate-50 px-3 text-sm text-slate-500 hover:bg-white focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        <span aria-hidden>⌕</span>
        Search the catalog…
        <kbd className="ml-auto rounded border border-slate-300 bg-white px-1.5 font-sans text-[11px] text-slate-500">Ctrl K</kbd>
      </button>
      {/* In a portal: the sticky header's backdrop filter would otherwise confine a fixed overlay to the header. */}
      {open &&
        createPortal(<Palette team={team} blueprints={blueprints} canSearchEntities={canSearchEntities} onClose={close} />, document.body)}
    </>
  );
}

function Palette({ team, blueprints, canSearchEntities, onClose }: Props & { onClose: () => void }) {
  const router = useRouter();
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const q = useDebounced(text.trim(), 200);
  const search = useQuery({
    queryKey: queryKeys.quickSearch(team, q),
    queryFn: () => api<{ results: PaletteEntity[] }>(`/teams/${team}/search?q=${encodeURIComponent(q)}&limit=10`),
    enabled: canSearchEntities && q.length > 0,
    placeholderData: keepPreviousData,
  });
  const items = paletteItems(team, text, blueprints, q && search.data ? search.data.results : []);
  const current = active >= 0 && active < items.length ? active : items.length ? 0 : -1;

  useEffect(() => {
    input.current?.focus();
  }, []);

  const go = (index: number) => {
    const item = items[index];
    if (!item) return;
    onClose();
    router.push(item.href);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(moveActive(current, items.length, e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(current);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab') {
      e.preventDefault(); // the input is the dialog's one stop: focus stays inside
    }
  };

  const optionId = (i: number) => `quick-search-option-${i}`;
  const searching = text.trim() !== '' && (q !== text.trim() || search.isFetching);
  return (
    <div
      className="fixed inset-0 z-50 flex items-start justify-center bg-slate-900/40 px-4 pt-[12vh]"
      onMouseDown={(e) => {
        if (e.target !== e.currentTarget) return;
        // Without preventDefault the press's own default action would move focus to the body
        // right after onClose returned it to the trigger.
        e.preventDefault();
        onClose();
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Quick search"
        className="w-full max-w-xl overflow-hidden rounded-xl border border-slate-200 bg-white shadow-2xl"
        onKeyDown={onKeyDown}
      >
        <div className="flex items-center gap-2 border-b border-slate-200 px-4">
          <span aria-hidden className="text-slate-500">
            ⌕
          </span>
          <input
            ref={input}
            role="combobox"
            aria-expanded={items.length > 0}
            aria-controls="quick-search-listbox"
            aria-autocomplete="list"
            aria-activedescendant={current >= 0 ? optionId(current) : undefined}
            aria-label="Search blueprints and entities"
            placeholder="Search blueprints and entities by identifier or title…"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setActive(-1);
            }}
            className="h-12 flex-1 bg-transparent text-base text-slate-900 placeholder:text-slate-400 focus:outline-none"
            maxLength={200}
          />
          {searching && <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600" aria-hidden />}
          <kbd className="rounded border border-slate-300 px-1.5 text-[11px] text-slate-500">Esc</kbd>
        </div>
        <ul id="quick-search-listbox" role="listbox" aria-label="Results" className="max-h-96 overflow-y-auto py-1">
          {items.map((item, i) => (
            <li
              key={item.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              onMouseMove={() => i !== current && setActive(i)}
              onClick={() => go(i)}
              className={`flex cursor-pointer items-center gap-3 px-4 py-2 text-sm ${i === current ? 'bg-indigo-50' : ''}`}
            >
              <span aria-hidden className="w-5 text-center">
                {item.icon}
              </span>
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium text-slate-900">{item.label}</span>
                <span className="block truncate text-xs text-slate-500">{item.detail}</span>
              </span>
              {item.kind === 'blueprint' && <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">Blueprint</span>}
            </li>
          ))}
        </ul>
        {text.trim() === '' ? (
          <p className="px-4 pb-4 pt-1 text-sm text-slate-500">Type to find a blueprint, or an entity by its identifier or title.</p>
        ) : (
          items.length === 0 &&
          !searching && (
            <p className="px-4 pb-4 pt-1 text-sm text-slate-500" role="status">
              {search.error ? `Search failed: ${search.error.message}` : `Nothing matches “${text.trim()}”.`}
            </p>
          )
        )}
        <p className="flex gap-4 border-t border-slate-100 bg-slate-50 px-4 py-2 text-xs text-slate-500">
          <span>↑↓ to move</span>
          <span>Enter to open</span>
          <span>Esc to close</span>
        </p>
      </div>
    </div>
  );
}
