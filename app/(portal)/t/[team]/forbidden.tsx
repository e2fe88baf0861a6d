'use client';

import { useParams } from 'next/navigation';
import { RefusalNotice } from '@/components/layout/refusal-notice';

// Shown (with status 403) when a member opens a page of this team their role does not allow:
// inside the team's layout, so the pages they may open are still in the side navigation.
export default function TeamForbidden() {
  const { team } = useParams<{ team: string }>();
  return (
    <RefusalNotice
      code={403}
      tone="amber"
      title="You don't have access to this page"
      text="Your role in this team does not include the permission this page needs. Ask a team admin if you need it."
      back={{ href: `/t/${team}`, label: "Back to the team's catalog" }}
    />
  );
}
