/**
 * storage.local keys the background writes and the side panel listens to (no preact here: the background imports it).
 *  - FOCUS_CONTACT_KEY: "show this contact" (the popup's "Open in side panel", a clicked follow-up notification)
 *  - TASKS_CHANGED_KEY: follow-ups changed outside the panel (one fell due, done or snoozed from a notification)
 */
export const FOCUS_CONTACT_KEY = 'ui:focus-contact';
export const TASKS_CHANGED_KEY = 'ui:tasks-changed';
