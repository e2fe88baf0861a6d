// The document's descriptions use a little Markdown: `code` and **bold**. Rendered as such (and
// nothing else: no links, no HTML), so text from a blueprint can never inject markup.

export function InlineMarkdown({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g);
  return (
    <>
      {parts.map((part, i) => {
        if (part.startsWith('`') && part.endsWith('`') && part.length > 1) {
          return (
            <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.92em] text-slate-800">
              {part.slice(1, -1)}
            </code>
          );
        }
        if (part.startsWith('**') && part.endsWith('**') && part.length > 3)
          return (
            <strong key={i} className="font-semibold text-slate-700">
              {part.slice(2, -2)}
            </strong>
          );
        return part;
      })}
    </>
  );
}
