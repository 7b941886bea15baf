import type { ComponentChildren } from 'preact';

/** A first screen with nothing to show yet: says what happened and what to do next. */
export function EmptyState(props: { title: string; children?: ComponentChildren; testid?: string }) {
  return (
    <div class="empty" data-testid={props.testid ?? 'empty-state'} role="status">
      <h2>{props.title}</h2>
      {props.children}
    </div>
  );
}
