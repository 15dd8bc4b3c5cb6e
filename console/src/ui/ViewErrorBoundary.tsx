import { Component, type ReactNode } from 'react';

/** Keeps the shell usable when a view fails to load (a lost network while fetching its chunk) or to render. */
export class ViewErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean; resetKey: string }> {
  override state = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { failed: boolean; resetKey: string }) {
    // Opening another view clears the failure.
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="notice notice-failed" role="alert" data-testid="problem-failed">
        <p>
          <strong>This view could not be shown.</strong> Check the connection and open it again.
        </p>
      </div>
    );
  }
}
