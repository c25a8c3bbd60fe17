// Opening another snapshot by path (the web face runs on the user's own machine).
import { useState } from 'react';

export function OpenSnapshot({ onOpen, compact }: { onOpen(path: string | undefined): void; compact?: boolean }) {
  const [path, setPath] = useState('');
  return (
    <form
      className={`open-snapshot ${compact ? 'compact' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (path.trim()) onOpen(path.trim());
      }}
    >
      <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/snapshot.json or folder" spellCheck={false} data-testid="open-path" />
      <button type="submit" className="btn" disabled={!path.trim()}>Open</button>
      <button type="button" className="btn ghost" onClick={() => onOpen(undefined)}>Demo</button>
    </form>
  );
}
