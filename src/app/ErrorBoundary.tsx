import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** what failed, for the message: "the trace page", "the app" */
  readonly area: string;
  readonly children: ReactNode;
  /** a change of this value (e.g. the location) clears the error */
  readonly resetKey?: string;
}

interface State {
  readonly error?: Error;
  readonly resetKey?: string;
}

/** A bug in one view shows what broke, with the error text to report, instead of a white page. */
export class ErrorBoundary extends Component<Props, State> {
  state: State = {};

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { error: undefined, resetKey: props.resetKey };
    return null;
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Tracery: ${this.props.area} failed`, error, info.componentStack);
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="state state-error">
        <h2>Something went wrong in {this.props.area}</h2>
        <p>The rest of Tracery still works. This is a bug; the text below helps to report it.</p>
        <pre className="error-report">{`${error.name}: ${error.message}`}</pre>
        <button type="button" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}
