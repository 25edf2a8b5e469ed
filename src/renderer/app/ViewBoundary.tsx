import { Component, type ReactNode } from 'react';

/**
 * If a view fails to draw, the rest of the window keeps working and the user reads what
 * happened in words (never a stack); "Try again" redraws the view from the store's data.
 */
export class ViewBoundary extends Component<{ children: ReactNode; name: string }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="error-state" role="alert">
        <p>The {this.props.name} could not be shown. Your saved work is safe in the library.</p>
        <button type="button" onClick={() => this.setState({ failed: false })}>
          Try again
        </button>
      </div>
    );
  }
}
