export type TeamSummary = { id: string; slug: string; name: string };
