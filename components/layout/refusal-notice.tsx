import Link from 'next/link';

// The body of a 403 or 404 page. Inside a team it is shown in the team's layout (header and side
// navigation stay, so the way back is where it always is); at the root it fills the window.
export function RefusalNotice({
  code,
  title,
  text,
  back,
  tone,
}: {
  code: 403 | 404;
  title: string;
  text: string;
  back: { href: string; label: string };
  tone: 'indigo' | 'amber';
}) {
  return (
    <div className="flex flex-col items-center justify-center gap-3 px-6 py-24 text-center" data-testid={`refusal-${code}`}>
      <p className={`text-sm font-semibold ${tone === 'amber' ? 'text-amber-700' : 'text-indigo-600'}`}>{code}</p>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="max-w-md text-sm text-slate-500">{text}</p>
      <Link href={back.href} className="mt-2 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
        {back.label}
      </Link>
    </div>
  );
}
