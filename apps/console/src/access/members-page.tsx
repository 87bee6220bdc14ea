import type { Role } from '../api/api-types';
import { ConfirmButton } from '../ui/confirm-button';
import { submitted } from '../ui/forms';
import { ErrorText, Loading } from '../ui/messages';
import { PageTitle } from '../ui/page-title';
import { useSession } from '../ui/session-context';
import { useAction, useLoad } from '../ui/use-load';

const roles: Role[] = ['OWNER', 'READER'];

/** Owners only: who belongs to the project and with which role. */
export function MembersPage() {
  const { api, identity } = useSession();
  const { orgId, projectId } = identity;
  const loaded = useLoad(() => api.members(orgId, projectId), projectId);
  const { error, act } = useAction(loaded.reload);
  const members = loaded.data?.members;
  return (
    <>
      <PageTitle title="Members" />
      <p class="muted">
        A key made for a member acts with the member's role: readers may read, never change.
      </p>
      <ErrorText message={loaded.error ?? error} />
      {!members && loaded.loading && <Loading what="members" />}
      {members?.length === 0 && <p class="muted">No members yet.</p>}
      {members && members.length > 0 && (
        <table class="cards">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const other = member.role === 'OWNER' ? 'READER' : 'OWNER';
              return (
                <tr key={member.email}>
                  <td data-label="Email">{member.email}</td>
                  <td data-label="Role">{member.role.toLowerCase()}</td>
                  <td data-label="Actions" class="actions">
                    <button
                      type="button"
                      class="quiet"
                      aria-label={`Make ${member.email} ${other.toLowerCase()}`}
                      onClick={() =>
                        void act(() =>
                          api.updateMember(orgId, projectId, { email: member.email, role: other }),
                        )
                      }
                    >
                      Make {other.toLowerCase()}
                    </button>
                    <ConfirmButton
                      label="Remove"
                      name={`Remove ${member.email}`}
                      question={`Remove ${member.email} from the project? Their keys stop working.`}
                      onConfirm={() => act(() => api.removeMember(orgId, projectId, member.email))}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form
        class="panel"
        onSubmit={submitted((values, form) => {
          const member = {
            email: values['email'] ?? '',
            role: (values['role'] ?? 'READER') as Role,
          };
          void act(async () => {
            await api.addMember(orgId, projectId, member);
            form.reset();
          });
        })}
      >
        <h2>Add a member</h2>
        <div class="fields">
          <div class="field wide">
            <label for="member-email">Email</label>
            <input id="member-email" name="email" type="email" required />
          </div>
          <div class="field">
            <label for="member-role">Role</label>
            <select id="member-role" name="role">
              {roles.map((role) => (
                <option key={role} value={role}>
                  {role.toLowerCase()}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit">Add member</button>
      </form>
    </>
  );
}
