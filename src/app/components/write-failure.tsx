/** Why a tap's write did not happen, said at once to a screen reader. */
export function WriteFailure({ message }: { message: string }) {
  return message ? (
    <p class="notice" role="alert">
      {message}
    </p>
  ) : null;
}
