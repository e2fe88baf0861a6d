// The public shape of a user (API.md): never the password hash.
export type UserView = { id: string; email: string; name: string | null; status: string; created_at: string };

export const USER_SELECT = { id: true, email: true, name: true, status: true, createdAt: true } as const;

export function toUserView(user: { id: string; email: string; name: string | null; status: string; createdAt: Date }): UserView {
  return { id: user.id, email: user.email, name: user.name, status: user.status, created_at: user.createdAt.toISOString() };
}
