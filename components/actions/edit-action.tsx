'use client';

import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import { ActionEditor, type ActionEditorProps } from './action-editor';
import { useAction } from './use-action-data';

// The editor for a saved action, once it (and its ETag) has loaded through the API; the editor
// starts from that version and keeps it while a person types.
export function EditAction({ action, ...props }: Omit<ActionEditorProps, 'initial'> & { action: string }) {
  const query = useAction(props.team, action);
  if (query.isPending) return <TableSkeleton rows={6} />;
  if (query.isError) return <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />;
  return <ActionEditor key={query.data.etag ?? action} {...props} initial={{ view: query.data.body, etag: query.data.etag }} />;
}
