'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { SavedViewInput } from '@/lib/domain/saved-views';
import type { SavedViewView } from '@/lib/saved-views/saved-view-view';
import { api, queryKeys } from '@/lib/web/api-client';
import { notifyOutcome } from '@/components/ui/notify';

// The blueprint's saved views through the REST routes (API.md "Saved views"), and their writes.
// A write refreshes the list and the server-rendered side navigation, which lists them too.

const path = (team: string, blueprint: string) => `/teams/${team}/blueprints/${encodeURIComponent(blueprint)}/views`;

/** `initial`: the list the page rendered with, so a view opens on the first render (no flash of the plain table). */
export function useSavedViews(team: string, blueprint: string, initial?: SavedViewView[]) {
  return useQuery({
    queryKey: queryKeys.savedViews(team, blueprint),
    queryFn: () => api<{ views: SavedViewView[] }>(path(team, blueprint)),
    ...(initial && { initialData: { views: initial } }),
  });
}

export type ViewWrite =
  | { kind: 'create'; body: SavedViewInput }
  | { kind: 'update'; identifier: string; patch: Partial<SavedViewInput> }
  | { kind: 'delete'; identifier: string };

export function useSavedViewWrite(team: string, blueprint: string) {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: (write: ViewWrite) => {
      if (write.kind === 'create') return api<SavedViewView>(path(team, blueprint), { method: 'POST', body: write.body });
      const url = `${path(team, blueprint)}/${write.identifier}`;
      if (write.kind === 'update') return api<SavedViewView>(url, { method: 'PATCH', body: write.patch });
      return api<undefined>(url, { method: 'DELETE' });
    },
    onSuccess: async (answer, write) => {
      if (write.kind === 'delete') notifyOutcome('view', null, 'deleted');
      else notifyOutcome('view', answer?.title ?? null, write.kind === 'create' ? 'saved' : 'updated');
      await client.invalidateQueries({ queryKey: queryKeys.savedViews(team, blueprint) });
      router.refresh();
    },
  });
}
