'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { registerAction, type AuthFormState } from '@/lib/web/auth-actions';

/** `fixedEmail`: the email is given (an invitation's) and cannot be changed here. */
export function RegisterForm({ callbackUrl, fixedEmail }: { callbackUrl?: string; fixedEmail?: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(registerAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      )}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? '/'} />
      <Field label="Name" name="name" autoComplete="name" required autoFocus defaultValue={state.values?.name} error={errors.name} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={fixedEmail ?? state.values?.email}
        readOnly={fixedEmail !== undefined}
        error={errors.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        error={errors.password}
        hint="At least 8 characters, at most 72 bytes; not a common password."
      />
      <Button type="submit" pending={pending} className="w-full">
        Create account
      </Button>
    </form>
  );
}
