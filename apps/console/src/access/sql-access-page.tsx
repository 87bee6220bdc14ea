import { useState } from 'preact/hooks';
import type { SqlCredentials } from '../api/api-types';
import { ConfirmButton } from '../ui/confirm-button';
import { Notice } from '../ui/messages';
import { PageTitle } from '../ui/page-title';
import { useSession } from '../ui/session-context';

/** Channel B: the project's own MySQL account. Each issue sets a new password, shown once. */
export function SqlAccessPage() {
  const { api } = useSession();
  const [credentials, setCredentials] = useState<SqlCredentials>();
  return (
    <>
      <PageTitle title="SQL access" />
      <p>
        The project's MySQL account reaches its own schema: business tables beside read-only views
        of its memories (<code>memories</code>, <code>memory_history</code>), joinable in SQL.
      </p>
      <ConfirmButton
        label="Issue credentials"
        question="This sets a new password: the previous one stops working for new connections. Go on?"
        onConfirm={async () => setCredentials(await api.sqlCredentials())}
      />
      {credentials && (
        <>
          <Notice>New credentials, shown only now: copy the password before you leave.</Notice>
          <dl class="facts">
            <dt>Host</dt>
            <dd>
              <code>{credentials.host}</code>
            </dd>
            <dt>Port</dt>
            <dd>
              <code>{credentials.port}</code>
            </dd>
            <dt>User</dt>
            <dd>
              <code>{credentials.user}</code>
            </dd>
            <dt>Password</dt>
            <dd>
              <code class="secret">{credentials.password}</code>
            </dd>
            <dt>Database</dt>
            <dd>
              <code>{credentials.database}</code>
            </dd>
          </dl>
          <pre>{`mysql -h ${credentials.host} -P ${credentials.port} -u ${credentials.user} -p ${credentials.database}`}</pre>
        </>
      )}
    </>
  );
}
