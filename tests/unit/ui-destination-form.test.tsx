// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DESTINATIONS } from '../../utils/model/destinations';
import type { MessageType, RequestOf } from '../../utils/model/messages';
import type { PublicSettings } from '../../utils/model/settings';

/** The options page's destination form is the declarations in utils/model/destinations.ts, rendered. */

vi.mock('../../utils/messaging/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../utils/messaging/client')>()),
  send: vi.fn(),
}));
const { send, MessageError } = await import('../../utils/messaging/client');
const { App } = await import('../../entrypoints/options/App');
const sendMock = vi.mocked(send);

function backend(handlers: Partial<Record<MessageType, (p: never) => unknown>>) {
  sendMock.mockImplementation(async (type: MessageType, payload: unknown) => {
    const h = handlers[type];
    if (!h) throw new MessageError('bad-request', `unexpected ${type}`);
    return h(payload as never) as never;
  });
}
const callsOf = <T extends MessageType>(t: T) => sendMock.mock.calls.filter(([x]) => x === t).map(([, p]) => p as RequestOf<T>);

let request: ReturnType<typeof vi.fn>;
let remove: ReturnType<typeof vi.fn>;
beforeEach(() => {
  sendMock.mockReset();
  request = vi.fn(async () => true);
  remove = vi.fn(async () => true);
  Object.assign(fakeBrowser.permissions as object, { request, remove });
});
afterEach(cleanup);

const settings = (destination: PublicSettings['destination']): PublicSettings => ({ defaultKind: 'prospect', ownDomains: [], autoSync: true, destination });

describe('destination form', () => {
  it('shows, for each declared destination, exactly its declared fields', async () => {
    backend({ 'settings.get': () => ({ settings: settings({ type: 'none' }) }) });
    render(<App />);
    await screen.findByTestId('dest-none');
    for (const d of DESTINATIONS) {
      fireEvent.click(screen.getByTestId(`dest-${d.type}`));
      const inputs = [...document.querySelectorAll('[data-testid="settings-form"] fieldset:first-of-type input:not([type=radio])')]
        .map((i) => i.getAttribute('data-testid'))
        .filter((id) => id !== 'auto-sync');
      expect(inputs, d.type).toEqual(d.fields.map((f) => `${d.type}-${f.id}`));
      for (const f of d.fields) {
        if (f.secret) expect(screen.getByTestId(`${d.type}-${f.id}`).getAttribute('autocomplete')).toBe('off');
        if (f.generate) expect(screen.getByTestId(`${d.type}-${f.id}-generate`)).toBeTruthy();
      }
    }
  });

  it('HubSpot → Pipedrive: asks for exactly the company origin in the click, then gives up HubSpot’s', async () => {
    backend({
      'settings.get': () => ({ settings: settings({ type: 'hubspot', hasSecret: true }) }),
      'settings.save': () => ({ settings: settings({ type: 'pipedrive', target: 'acme', hasSecret: true }) }),
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId('dest-pipedrive'));
    fireEvent.input(screen.getByTestId('pipedrive-domain'), { target: { value: 'https://Acme.pipedrive.com/' } });
    fireEvent.input(screen.getByTestId('pipedrive-token'), { target: { value: ' pd-token ' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    expect(request).toHaveBeenCalledWith({ origins: ['https://acme.pipedrive.com/*'] });
    await waitFor(() => expect(screen.getByTestId('settings-status').textContent).toBe('Settings saved.'));
    expect(callsOf('settings.save')[0]!.settings.destination).toEqual({ type: 'pipedrive', companyDomain: 'acme', apiToken: 'pd-token' });
    expect(remove).toHaveBeenCalledWith({ origins: ['https://api.hubapi.com/*'] });
  });

  it('keeps a saved token (the page never sees it) and says so; the same origin is not removed', async () => {
    backend({
      'settings.get': () => ({ settings: settings({ type: 'hubspot', hasSecret: true }) }),
      'settings.save': () => ({ settings: settings({ type: 'hubspot', hasSecret: true }) }),
    });
    render(<App />);
    await screen.findByTestId('hubspot-token');
    expect(screen.getByText(/saved; leave empty to keep it/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('settings-status').textContent).toBe('Settings saved.'));
    expect(callsOf('settings.save')[0]!.settings.destination).toEqual({ type: 'hubspot' });
    expect(remove).not.toHaveBeenCalled();
  });
});
