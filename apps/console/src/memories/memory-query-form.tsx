import type { InputHTMLAttributes } from 'preact';
import { hashOf } from '../routing/hash-location';
import { submitted } from '../ui/forms';
import { filterFields } from './memory-filters';

export const searchDefaults = { top_k: '20', threshold: '0.1' };

/**
 * Search and filters in one form; applying it writes them into the URL, so the list can be
 * linked, reloaded and gone back to.
 */
export function MemoryQueryForm({ params }: { params: Record<string, string> }) {
  const value = (name: string) => params[name] ?? '';
  const moreOpen = ['app_id', 'categories', 'from', 'to', 'filter'].some((name) => params[name]);
  return (
    <form
      class="query"
      role="search"
      onSubmit={submitted((values) => {
        const kept = ['q', ...filterFields, 'top_k', 'threshold'];
        location.hash = hashOf(
          ['memories'],
          Object.fromEntries(kept.map((name) => [name, values[name]?.trim()])),
        );
      })}
    >
      <div class="search-row">
        <label for="q">Search</label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={value('q')}
          placeholder="What should Mnemo recall? Empty: list"
        />
        <button type="submit">Apply</button>
        <a href="#/memories">Reset</a>
      </div>
      <div class="fields">
        <Field label="User" input={{ name: 'user_id', defaultValue: value('user_id') }} />
        <Field label="Agent" input={{ name: 'agent_id', defaultValue: value('agent_id') }} />
        <Field label="Run" input={{ name: 'run_id', defaultValue: value('run_id') }} />
        <Field
          label="Text contains"
          input={{ name: 'contains', defaultValue: value('contains') }}
        />
      </div>
      <details open={moreOpen}>
        <summary>More filters and search options</summary>
        <div class="fields">
          <Field label="App" input={{ name: 'app_id', defaultValue: value('app_id') }} />
          <Field
            label="Categories (any, comma-separated)"
            input={{ name: 'categories', defaultValue: value('categories') }}
          />
          <Field
            label="Created from"
            input={{ name: 'from', type: 'date', defaultValue: value('from') }}
          />
          <Field
            label="Created until"
            input={{ name: 'to', type: 'date', defaultValue: value('to') }}
          />
          <Field
            label="Search results"
            input={{
              name: 'top_k',
              type: 'number',
              min: 1,
              max: 1000,
              defaultValue: params['top_k'] ?? searchDefaults.top_k,
            }}
          />
          <Field
            label="Minimum score"
            input={{
              name: 'threshold',
              type: 'number',
              min: 0,
              max: 1,
              step: 0.01,
              defaultValue: params['threshold'] ?? searchDefaults.threshold,
            }}
          />
        </div>
        <label for="filter">Filter (JSON, the v2 filter grammar; ANDed with the fields)</label>
        <textarea
          id="filter"
          name="filter"
          rows={3}
          defaultValue={value('filter')}
          placeholder='{"metadata": {"source": "chat"}}'
          spellcheck={false}
        />
      </details>
    </form>
  );
}

type FieldInput = InputHTMLAttributes & { name: string };

function Field({ label, input }: { label: string; input: FieldInput }) {
  return (
    <div class="field">
      <label for={input.name}>{label}</label>
      <input id={input.name} {...input} />
    </div>
  );
}
