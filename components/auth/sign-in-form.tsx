'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { signInAction, type AuthFormState } from '@/lib/web/auth-actions';

/** `fixedEmail`: the email is given (an invitation's) and cannot be changed here. */
export function SignInForm({ callbackUrl, fixedEmail }: { callbackUrl?: string; fixedEmail?: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      )}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? '/'} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        autoFocus={fixedEmail === undefined}
        readOnly={fixedEmail !== undefined}
        defaultValue={fixedEmail ?? state.values?.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus={fixedEmail !== undefined}
      />
      <Button type="submit" pending={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
