// What the page shows when there is no map to show.
export function Loading({ what }: { what: string }) {
  return (
    <div className="state" data-testid="state-loading">
      <div className="spinner" />
      <p>{what}</p>
    </div>
  );
}

export function ErrorState({ title, message, children }: { title: string; message: string; children?: React.ReactNode }) {
  return (
    <div className="state error" data-testid="state-error">
      <div className="state-icon">!</div>
      <h2>{title}</h2>
      <pre className="error-message" data-testid="error-message">{message}</pre>
      {children}
    </div>
  );
}

export function EmptyState({ children }: { children?: React.ReactNode }) {
  return (
    <div className="state" data-testid="state-empty">
      <h2>This snapshot holds no network</h2>
      <p>No VPC was found in it. Open another snapshot, or the bundled demo.</p>
      {children}
    </div>
  );
}
