import { Component, useState, type ErrorInfo, type ReactNode } from 'react';
import { copyText } from './clipboard';
import { errorReport } from './error-report';

interface Props {
  /** what failed, for the message: "the flame graph", "this page", "Tracery" */
  readonly area: string;
  /** the heading; default "Something went wrong in <area>" (a view's boundary says "This view failed") */
  readonly title?: string;
  readonly children: ReactNode;
  /** a change of this value (e.g. the location) clears the error */
  readonly resetKey?: string;
}

interface State {
  readonly error?: Error;
  readonly componentStack?: string | null;
  readonly resetKey?: string;
}

/**
 * A bug in one view shows what broke, a report to copy and "Try again",
 * instead of a white page; whatever sits outside this boundary keeps working.
 */
export class ErrorBoundary extends Component<Props, State> {
  state: State = {};

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { error: undefined, componentStack: undefined, resetKey: props.resetKey };
    return null;
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack });
    console.error(`Tracery: ${this.props.area} failed`, error, info.componentStack);
  }

  render(): ReactNode {
    const { error, componentStack } = this.state;
    if (!error) return this.props.children;
    return <ViewFailed title={this.props.title ?? `Something went wrong in ${this.props.area}`} area={this.props.area} error={error} componentStack={componentStack} onRetry={() => this.setState({ error: undefined, componentStack: undefined })} />;
  }
}

function ViewFailed({ title, area, error, componentStack, onRetry }: { title: string; area: string; error: Error; componentStack?: string | null; onRetry: () => void }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const report = () => errorReport({ area, error, componentStack, url: window.location.href, userAgent: navigator.userAgent, time: new Date() });
  return (
    <div role="alert" className="state state-error" aria-label={`${area} failed`}>
      <h2>{title}</h2>
      <p>The rest of Tracery still works. This is a bug in Tracery; “Copy report” copies what helps to fix it (the error, where it happened and your browser, no trace data beyond ids).</p>
      <pre className="error-report">{`${error.name}: ${error.message}`}</pre>
      <div className="state-actions">
        <button type="button" onClick={onRetry}>
          Try again
        </button>
        <button type="button" onClick={() => void copyText(report()).then((ok) => setCopied(ok ? 'copied' : 'failed'))}>
          Copy report
        </button>
        <span role="status">{copied === 'copied' ? 'Report copied' : copied === 'failed' ? 'Copying is not allowed here: select the report below.' : ''}</span>
      </div>
      {copied === 'failed' && <pre className="error-report" data-testid="error-report">{report()}</pre>}
    </div>
  );
}
