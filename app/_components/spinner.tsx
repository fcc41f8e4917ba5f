/** A small busy indicator for buttons; the button itself says what is happening. */
export function Spinner() {
  return <span aria-hidden="true" className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-current border-r-transparent" />;
}
