import Link from 'next/link';

// Shown (with status 403) when a signed-in member opens a page their role does not allow.
export default function Forbidden() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-6 text-center">
      <p className="text-sm font-semibold text-amber-600">403</p>
      <h1 className="text-2xl font-semibold tracking-tight">You don&apos;t have access to this page</h1>
      <p className="max-w-md text-sm text-slate-500">
        Your role in this team does not include the permission this page needs. Ask a team admin if you need it.
      </p>
      <Link href="/" className="mt-2 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
        Back to the catalog
      </Link>
    </main>
  );
}
