/** A polite status line after an action succeeded; nothing when there is nothing to say. */
export function SuccessNotice({ message }: { message?: string | null }) {
  return message ? (
    <p role="status" className="alert alert--success">
      {message}
    </p>
  ) : null;
}
