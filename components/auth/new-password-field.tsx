/**
 * A field for choosing a password (signing up, resetting one), with Cognito's rules as its hint so
 * a refusal is no surprise. `id` names the input; its hint is `${id}-hint`.
 */
export function NewPasswordField({ id, label }: { id: string; label: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="hint">
        At least 8 characters, with upper- and lower-case letters, a number and a symbol.
      </p>
    </div>
  );
}
