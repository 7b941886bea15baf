import { IconClose } from './icons';

/** A readable error from the background (or the browser), with an optional dismiss. */
export function ErrorBanner(props: { message: string; title?: string; onDismiss?: () => void; testid?: string }) {
  return (
    <div class="banner error row" role="alert" data-testid={props.testid ?? 'error'}>
      <div class="spacer">
        {props.title && <strong>{props.title} </strong>}
        {props.message}
      </div>
      {props.onDismiss && (
        <button type="button" class="ghost" onClick={props.onDismiss} aria-label="Dismiss">
          <IconClose />
        </button>
      )}
    </div>
  );
}
