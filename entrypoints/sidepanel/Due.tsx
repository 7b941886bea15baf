import { useEffect, useState } from 'preact/hooks';
import { send } from '../../utils/messaging/client';
import type { ResponseOf } from '../../utils/model/messages';
import { errorText } from '../../components/lib/hooks';
import { IconClock } from '../../components/icons';
import { TaskRow, useTasksChanged } from './FollowUps';

/**
 * The Due list at the top of the side panel: follow-ups due today or overdue, earliest first, with Done and Snooze.
 * Nothing is shown when none is due. It reloads when follow-ups change anywhere (useTasksChanged) and when the panel
 * is shown again. data-testid: due-list, due-count, task-row (FollowUps.tsx)
 */
export function Due(props: { onOpen: (contactId: string) => void }) {
  const [due, setDue] = useState<ResponseOf<'tasks.due'> | undefined>();
  const [error, setError] = useState('');
  const load = () =>
    void send('tasks.due', {}).then(
      (r) => {
        setDue(r);
        setError('');
      },
      (e) => setError(errorText(e)),
    );
  useEffect(() => {
    load();
    const onVisible = () => document.visibilityState === 'visible' && load();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);
  useTasksChanged(load);
  if (error) {
    return (
      <div class="banner error small" role="alert" data-testid="due-error">
        {error}
      </div>
    );
  }
  if (!due || due.items.length === 0) return null;
  return (
    <section class="card stack due" data-testid="due-list" aria-label="Follow-ups due">
      <h2 class="row">
        <IconClock />
        <span class="spacer">Due today</span>
        <span class="chip" data-testid="due-count" title={`${due.dueNow} due now`}>
          {due.items.length}
        </span>
      </h2>
      <ul class="list tasks">
        {due.items.map((t) => (
          <TaskRow key={t.id} task={t} now={Date.now()} onChanged={load} onOpenContact={props.onOpen} />
        ))}
      </ul>
    </section>
  );
}
