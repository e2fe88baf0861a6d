'use client';

import { useParams } from 'next/navigation';
import { RefusalNotice } from '@/components/layout/refusal-notice';

// A page of this team that does not exist (an unknown blueprint, entity, run...): shown inside
// the team's layout, with its header and side navigation.
export default function TeamNotFound() {
  const { team } = useParams<{ team: string }>();
  return (
    <RefusalNotice
      code={404}
      tone="indigo"
      title="This page does not exist"
      text="It may have been renamed or deleted, or you may not have access to it."
      back={{ href: `/t/${team}`, label: "Back to the team's catalog" }}
    />
  );
}
