import { Button } from '@/components/ui/button';
import { ssoSignInAction } from '@/lib/web/auth-actions';

/** "Sign in with <provider>": a form, so it works before the page hydrates and without JavaScript. */
export function SsoButton({ name, callbackUrl }: { name: string; callbackUrl: string }) {
  return (
    <form action={ssoSignInAction}>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Button type="submit" variant="secondary" className="w-full">
        Sign in with {name}
      </Button>
    </form>
  );
}
