'use client';

import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import { ScorecardEditor, type EditorProps } from './scorecard-editor';
import { useScorecard } from './use-scorecard-data';

// The editor for a saved scorecard, once it (and its ETag) has loaded through the API. The editor
// starts from that version and keeps it: a later poll does not overwrite what a person is typing.

export function EditScorecard({ scorecard, ...props }: Omit<EditorProps, 'initial'> & { scorecard: string }) {
  const query = useScorecard(props.team, props.blueprint, scorecard);
  if (query.isPending) return <TableSkeleton rows={6} />;
  if (query.isError) return <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />;
  return <ScorecardEditor key={query.data.etag ?? scorecard} {...props} initial={{ view: query.data.body, etag: query.data.etag }} />;
}
