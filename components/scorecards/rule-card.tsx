'use client';

import { inputClass, selectClass } from '@/components/catalog/control-styles';
import type { Field } from '@/lib/catalog-view/fields';
import { ConditionField } from './condition-field';
import type { LevelDraft, RuleDraft } from './scorecard-draft';
import type { RuleCount } from './scorecard-types';

// One rule of the editor: title, identifier, level, description, and its condition built with
// the catalog's filter builder; the live preview's count under it; errors at the field they name.

type Props = {
  rule: RuleDraft;
  index: number;
  count: number;
  levels: LevelDraft[];
  fields: Field[];
  errors: Map<string, string>;
  preview: { counts: RuleCount | undefined; total: number } | null;
  onChange: (patch: Partial<Omit<RuleDraft, 'key'>>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
};

const iconButton =
  'grid h-8 w-8 place-items-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-30';

function Problem({ id, text }: { id: string; text?: string }) {
  if (!text) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-xs font-medium text-red-600">
      {text}
    </p>
  );
}

export function RuleCard({ rule, index, count, levels, fields, errors, preview, onChange, onMove, onRemove }: Props) {
  const n = index + 1;
  const at = (field: string) => errors.get(`rules.${index}.${field}`);
  const id = (field: string) => `rule-${rule.key}-${field}`;
  const whole = errors.get(`rules.${index}`);
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label={`Rule ${n}: ${rule.title || 'untitled'}`}>
      <div className="grid gap-3 md:grid-cols-[1fr_14rem_10rem_auto]">
        <div>
          <label htmlFor={id('title')} className="block text-xs font-medium text-slate-600">
            Rule {n} title
          </label>
          <input
            id={id('title')}
            value={rule.title}
            aria-invalid={at('title') ? true : undefined}
            aria-describedby={at('title') ? id('title-error') : undefined}
            onChange={(e) => onChange({ title: e.target.value })}
            placeholder="Has an owner"
            className={`${inputClass} mt-1 w-full`}
          />
          <Problem id={id('title-error')} text={at('title')} />
        </div>
        <div>
          <label htmlFor={id('identifier')} className="block text-xs font-medium text-slate-600">
            Rule {n} identifier
          </label>
          <input
            id={id('identifier')}
            value={rule.identifier}
            aria-invalid={at('identifier') ? true : undefined}
            aria-describedby={at('identifier') ? id('identifier-error') : undefined}
            onChange={(e) => onChange({ identifier: e.target.value })}
            className={`${inputClass} mt-1 w-full font-mono`}
          />
          <Problem id={id('identifier-error')} text={at('identifier')} />
        </div>
        <div>
          <label htmlFor={id('level')} className="block text-xs font-medium text-slate-600">
            Rule {n} level
          </label>
          <select
            id={id('level')}
            value={rule.level}
            aria-invalid={at('level') ? true : undefined}
            aria-describedby={at('level') ? id('level-error') : undefined}
            onChange={(e) => onChange({ level: e.target.value })}
            className={`${selectClass} mt-1 w-full`}
          >
            <option value="">Level…</option>
            {levels.slice(1).map((l) => (
              <option key={l.key} value={l.key}>
                {l.name || '(unnamed)'}
              </option>
            ))}
          </select>
          <Problem id={id('level-error')} text={at('level')} />
        </div>
        <div className="flex items-start gap-1 pt-5">
          <button type="button" className={iconButton} disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move rule ${n} up`}>
            ↑
          </button>
          <button
            type="button"
            className={iconButton}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={`Move rule ${n} down`}
          >
            ↓
          </button>
          <button type="button" className={iconButton} onClick={onRemove} aria-label={`Remove rule ${n}`}>
            ×
          </button>
        </div>
      </div>
      <div className="mt-3">
        <label htmlFor={id('description')} className="block text-xs font-medium text-slate-600">
          Rule {n} description
        </label>
        <input
          id={id('description')}
          value={rule.description}
          onChange={(e) => onChange({ description: e.target.value })}
          placeholder="Why it matters, how to fix it"
          className={`${inputClass} mt-1 w-full`}
        />
        <Problem id={id('description-error')} text={at('description')} />
      </div>
      <div className="mt-3">
        <span className="block text-xs font-medium text-slate-600">Passes when</span>
        <div className="mt-1">
          <ConditionField
            label={`Rule ${n} condition`}
            empty="Always passes (no condition yet)"
            value={rule.query}
            fields={fields}
            error={at('query')}
            onChange={(query) => onChange({ query })}
          />
        </div>
      </div>
      <Problem id={id('error')} text={whole} />
      {preview && <RulePreviewLine counts={preview.counts} total={preview.total} />}
    </li>
  );
}

function RulePreviewLine({ counts, total }: { counts: RuleCount | undefined; total: number }) {
  if (!counts) return <p className="mt-3 text-xs text-slate-500">No preview for this rule yet.</p>;
  const pct = total > 0 ? Math.round((100 * counts.passed) / total) : 0;
  return (
    <p className="mt-3 flex items-center gap-3 text-sm text-slate-700" data-testid="rule-preview">
      <span className="h-1.5 w-24 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        <span className="block h-full bg-emerald-500" style={{ width: `${pct}%` }} />
      </span>
      <span>
        Passes for <strong className="tabular-nums">{counts.passed.toLocaleString('en-US')}</strong> of{' '}
        <span className="tabular-nums">{total.toLocaleString('en-US')}</span> entities
      </span>
    </p>
  );
}
