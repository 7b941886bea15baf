// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { MessageType, RequestOf } from '../../utils/model/messages';
import type { PublicSettings } from '../../utils/model/settings';

vi.mock('../../utils/messaging/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../utils/messaging/client')>()),
  send: vi.fn(),
}));
const { send, MessageError } = await import('../../utils/messaging/client');
const { App } = await import('../../entrypoints/options/App');
const sendMock = vi.mocked(send);

const stored: PublicSettings = { defaultKind: 'prospect', ownDomains: ['acme.com'], autoSync: true, destination: { type: 'none' } };
function backend(handlers: Partial<Record<MessageType, (p: never) => unknown>>) {
  sendMock.mockImplementation(async (type: MessageType, payload: unknown) => {
    const h = handlers[type];
    if (!h) throw new MessageError('bad-request', `unexpected ${type}`);
    return h(payload as never) as never;
  });
}
const callsOf = <T extends MessageType>(t: T) => sendMock.mock.calls.filter(([x]) => x === t).map(([, p]) => p as RequestOf<T>);

let request: ReturnType<typeof vi.fn>;
beforeEach(() => {
  sendMock.mockReset();
  request = vi.fn(async () => true);
  (fakeBrowser.permissions as unknown as { request: unknown }).request = request;
});
afterEach(cleanup);

describe('options', () => {
  it('asks for the webhook origin in the click, then saves the settings', async () => {
    backend({
      'settings.get': () => ({ settings: stored }),
      'settings.save': (p: RequestOf<'settings.save'>) => ({ settings: { ...p.settings, destination: { type: 'webhook', target: 'https://hooks.example.com/tp' } } }),
    });
    render(<App />);
    expect(((await screen.findByTestId('own-domains')) as HTMLInputElement).value).toBe('acme.com');
    fireEvent.click(screen.getByTestId('dest-webhook'));
    fireEvent.input(screen.getByTestId('webhook-url'), { target: { value: 'https://hooks.example.com/tp' } });
    fireEvent.input(screen.getByTestId('own-domains'), { target: { value: 'acme.com, @acme.se' } });
    fireEvent.click(screen.getByTestId('kind-lead'));
    fireEvent.click(screen.getByTestId('settings-save'));
    // requested synchronously inside the submit handler (a user gesture), before any message
    expect(request).toHaveBeenCalledWith({ origins: ['https://hooks.example.com/*'] });
    await waitFor(() => expect(screen.getByTestId('settings-status').textContent).toBe('Settings saved.'));
    expect(callsOf('settings.save')).toEqual([
      { settings: { defaultKind: 'lead', ownDomains: ['acme.com', 'acme.se'], autoSync: true, destination: { type: 'webhook', url: 'https://hooks.example.com/tp' } } },
    ]);
  });

  it('changes nothing when the permission is refused, and says why', async () => {
    request.mockResolvedValue(false);
    backend({ 'settings.get': () => ({ settings: stored }) });
    render(<App />);
    fireEvent.click(await screen.findByTestId('dest-hubspot'));
    fireEvent.input(screen.getByTestId('hubspot-token'), { target: { value: 'pat-eu1-123' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-error')).textContent).toContain('https://api.hubapi.com/*');
    expect(callsOf('settings.save')).toEqual([]);
  });

  it('needs the typed word before erasing everything', async () => {
    backend({ 'settings.get': () => ({ settings: stored }), 'data.erase': () => ({ erased: true }) });
    render(<App />);
    const erase = (await screen.findByTestId('erase-all')) as HTMLButtonElement;
    expect(erase.disabled).toBe(true);
    fireEvent.input(screen.getByTestId('erase-confirm'), { target: { value: 'eras' } });
    expect(erase.disabled).toBe(true);
    fireEvent.input(screen.getByTestId('erase-confirm'), { target: { value: 'erase' } });
    expect(erase.disabled).toBe(false);
    fireEvent.click(erase);
    expect((await screen.findByTestId('data-status')).textContent).toContain('erased');
    expect(callsOf('data.erase')).toEqual([{ confirm: 'erase' }]);
  });

  it('exports through a Blob download link', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return 'blob:x';
    });
    URL.revokeObjectURL = vi.fn();
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    backend({
      'settings.get': () => ({ settings: stored }),
      'data.export': () => ({ filename: 'touchpoint-contacts.vcf', mime: 'text/vcard', content: 'BEGIN:VCARD\nEND:VCARD' }),
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId('export-vcard'));
    await screen.findByTestId('data-status');
    expect(callsOf('data.export')).toEqual([{ format: 'vcard' }]);
    expect(clicked).toEqual(['touchpoint-contacts.vcf']);
    expect(await created[0]!.text()).toBe('BEGIN:VCARD\nEND:VCARD');
  });

  it('shows a readable error when settings cannot load', async () => {
    sendMock.mockRejectedValue(new MessageError('storage', 'The local database could not be opened.'));
    render(<App />);
    expect((await screen.findByTestId('options-error')).textContent).toContain('could not be opened');
  });
});
