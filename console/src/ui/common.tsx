import { type ReactNode, useEffect, useRef } from 'react';

/**
 * The page's h1. It takes focus when the page opens, so keyboard and screen-reader users
 * start at the new page's title after a hash navigation.
 */
export function PageHeading({ children, testId }: { children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} data-testid={testId}>
      {children}
    </h1>
  );
}

export function Loading({ testId, text = '正在加载…' }: { testId?: string; text?: string }) {
  return (
    <output className="loading" data-testid={testId}>
      {text}
    </output>
  );
}

export function ErrorNotice({
  testId,
  message,
  details,
  onRetry,
  retryLabel = '重试',
}: {
  testId?: string;
  message: string;
  details?: readonly string[];
  onRetry?: () => void;
  retryLabel?: string;
}) {
  return (
    <div className="notice notice-error" role="alert" data-testid={testId}>
      <p>{message}</p>
      {details && details.length > 0 && (
        <ul>
          {details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}

export function Section({
  title,
  testId,
  children,
  actions,
}: {
  title: string;
  testId?: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="card" data-testid={testId} aria-label={title}>
      <div className="card-header">
        <h2>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A two-column list of labelled values. */
export function Facts({ children }: { children: ReactNode }) {
  return <dl className="facts">{children}</dl>;
}

export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}
