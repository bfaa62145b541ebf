import { Component, type ReactNode } from 'react';
import { requestFailed } from '../../ui/userErrors';

/** A failed query inside an admin page: words a person understands instead of a blank screen, and a way to try again. */
export class AdminBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) { return { error }; }
  render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="alert" role="alert">
        <p>{requestFailed(this.state.error)}</p>
        <button type="button" className="button button--small button--light" onClick={() => this.setState({ error: null })}>Try again</button>
      </div>
    );
  }
}
