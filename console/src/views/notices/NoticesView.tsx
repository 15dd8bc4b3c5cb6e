import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../app/session';
import { graphql } from '../../gql';
import { formatTime } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice, UserErrors } from '../../ui/ProblemNotice';

// Each region keeps its customers' preferences beside their other personal data: one query and one mutation each.
const PreferenceQueries = {
  cn: graphql(`
    query ConsoleCnNoticePreference {
      preference: cnNoticePreference {
        language
        timeZone
        quietHours
        updatedAt
      }
    }
  `),
  de: graphql(`
    query ConsoleDeNoticePreference {
      preference: deNoticePreference {
        language
        timeZone
        quietHours
        updatedAt
      }
    }
  `),
  sea: graphql(`
    query ConsoleSeaNoticePreference {
      preference: seaNoticePreference {
        language
        timeZone
        quietHours
        updatedAt
      }
    }
  `),
};
const PreferenceMutations = {
  cn: graphql(`
    mutation ConsoleCnNoticePreferenceSet($input: CnNoticePreferenceSetInput!) {
      set: cnNoticePreferenceSet(input: $input) {
        userErrors {
          code
          field
          message
        }
        preference {
          language
          timeZone
          quietHours
          updatedAt
        }
      }
    }
  `),
  de: graphql(`
    mutation ConsoleDeNoticePreferenceSet($input: DeNoticePreferenceSetInput!) {
      set: deNoticePreferenceSet(input: $input) {
        userErrors {
          code
          field
          message
        }
        preference {
          language
          timeZone
          quietHours
          updatedAt
        }
      }
    }
  `),
  sea: graphql(`
    mutation ConsoleSeaNoticePreferenceSet($input: SeaNoticePreferenceSetInput!) {
      set: seaNoticePreferenceSet(input: $input) {
        userErrors {
          code
          field
          message
        }
        preference {
          language
          timeZone
          quietHours
          updatedAt
        }
      }
    }
  `),
};
type Region = keyof typeof PreferenceQueries;
const REGIONS: Region[] = ['cn', 'de', 'sea'];
const LANGUAGES = [
  ['', 'Region default'],
  ['zh', '中文 (Chinese)'],
  ['de', 'Deutsch (German)'],
  ['en', 'English'],
  ['th', 'ไทย (Thai)'],
  ['id', 'Bahasa Indonesia'],
] as const;
const ZONES = ['', 'Asia/Shanghai', 'Europe/Berlin', 'Asia/Jakarta', 'Asia/Bangkok', 'Asia/Singapore', 'UTC'];

/**
 * Tracking notice preferences: language, time zone and quiet hours, per region. Urgency (the notice tier) is
 * tracking's decision and not a preference: quiet hours hold back normal notices only.
 */
export default function NoticesView() {
  const session = useSession();
  const regions = session?.principal.regions.filter((region): region is Region => (REGIONS as string[]).includes(region)) ?? [];
  const shown = regions.length ? regions : REGIONS;
  return (
    <section aria-labelledby="notices-title">
      <h1 id="notices-title">Tracking notice preferences</h1>
      <p className="hint">When and in which language delivery notices reach you. Urgent notices (delivery today, a refusal) are sent even in quiet hours.</p>
      {shown.map((region) => (
        <PreferenceForm key={region} region={region} />
      ))}
    </section>
  );
}

function PreferenceForm({ region }: { region: Region }) {
  const read = useQuery(PreferenceQueries[region] as typeof PreferenceQueries.cn, { fetchPolicy: 'network-only' });
  const [save, saved] = useMutation(PreferenceMutations[region] as typeof PreferenceMutations.cn);
  const current = saved.data?.set.preference ?? read.data?.preference;
  const [edits, setEdits] = useState<{ language?: string; timeZone?: string; from?: string; to?: string }>({});
  const [from, to] = (current?.quietHours ?? '').split('-');
  const values = {
    language: edits.language ?? current?.language ?? '',
    timeZone: edits.timeZone ?? current?.timeZone ?? '',
    from: edits.from ?? from ?? '',
    to: edits.to ?? to ?? '',
  };
  const id = (field: string) => `notice-${region}-${field}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      ...(values.language ? { language: values.language } : {}),
      ...(values.timeZone ? { timeZone: values.timeZone } : {}),
      ...(values.from && values.to ? { quietHours: `${values.from}-${values.to}` } : {}),
    };
    void save({ variables: { input } });
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby={id('title')} data-testid={`notices-${region}`}>
      <h2 id={id('title')}>Region {region.toUpperCase()}</h2>
      {read.loading ? <Loading what="your preference" /> : null}
      <ProblemNotice problems={problemsOf(read.error)} compact />
      {!read.loading && !read.error ? (
        <>
          <div className="field-row">
            <label htmlFor={id('language')}>Language</label>
            <select id={id('language')} value={values.language} onChange={(event) => setEdits({ ...edits, language: event.target.value })}>
              {LANGUAGES.map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
            <label htmlFor={id('zone')}>Time zone</label>
            <select id={id('zone')} value={values.timeZone} onChange={(event) => setEdits({ ...edits, timeZone: event.target.value })}>
              {ZONES.map((zone) => (
                <option key={zone} value={zone}>
                  {zone || 'Region default'}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="field-row">
            <legend>Quiet hours (only urgent notices)</legend>
            <label htmlFor={id('from')}>From</label>
            <input id={id('from')} type="time" value={values.from} onChange={(event) => setEdits({ ...edits, from: event.target.value })} />
            <label htmlFor={id('to')}>To</label>
            <input id={id('to')} type="time" value={values.to} onChange={(event) => setEdits({ ...edits, to: event.target.value })} />
          </fieldset>
          <button type="submit" disabled={saved.loading}>
            Save preference
          </button>
          {current ? (
            <p className="meta" data-testid={`notices-${region}-saved`}>
              Saved {formatTime(current.updatedAt)}: {current.language ?? 'default language'}, {current.timeZone ?? 'default zone'}, quiet{' '}
              {current.quietHours ?? 'by region default'}
            </p>
          ) : (
            <p className="meta">Not set: the region's defaults apply.</p>
          )}
        </>
      ) : null}
      <UserErrors errors={saved.data?.set.userErrors} />
      <ProblemNotice problems={problemsOf(saved.error)} compact />
    </form>
  );
}
