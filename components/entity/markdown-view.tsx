// A markdown property, rendered without raw HTML (react-markdown escapes it; no rehype-raw), links
// opening safely. Styled element by element: the app has no typography plugin.

import Markdown from 'react-markdown';

export function MarkdownView({ source }: { source: string }) {
  return (
    <div className="space-y-2 text-sm leading-relaxed text-slate-700 [&_a]:text-indigo-600 [&_a]:underline [&_blockquote]:border-l-2 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:text-slate-500 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.85em] [&_h3]:text-base [&_h3]:font-semibold [&_h4]:text-sm [&_h4]:font-semibold [&_h5]:font-medium [&_li]:ml-5 [&_ol]:list-decimal [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-slate-50 [&_pre]:p-2 [&_strong]:font-semibold [&_strong]:text-slate-900 [&_ul]:list-disc">
      <Markdown
        skipHtml
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noreferrer noopener">
              {children}
            </a>
          ),
          // The page has its own h1 and h2s: a property's headings sit below them in the outline.
          h1: ({ children }) => <h3>{children}</h3>,
          h2: ({ children }) => <h4>{children}</h4>,
          h3: ({ children }) => <h5>{children}</h5>,
        }}
      >
        {source}
      </Markdown>
    </div>
  );
}
