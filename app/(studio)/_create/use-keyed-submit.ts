"use client";

import { startTransition, useRef, type FormEvent } from "react";
import { newIdempotencyKey } from "./idempotency-key";

/**
 * One Idempotency-Key per intended submission: a double click or a retry after an
 * error sends the same key (the server answers with the same task); `renew()` once
 * the key is spent starts a new one. Drawn at the first submit, not during render, so
 * server and client renders agree. The form is submitted by hand so React does not
 * reset it: the text stays for the next take.
 */
export function useKeyedSubmit() {
  const key = useRef("");
  return {
    renew() {
      key.current = "";
    },
    submitWith(dispatch: (form: FormData) => void) {
      return (event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        key.current ||= newIdempotencyKey();
        form.set("idempotencyKey", key.current);
        startTransition(() => dispatch(form));
      };
    },
  };
}
