import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { sessionStore } from './session';

/** The only server the console talks to: the gateway, through the console's same-origin `/graphql`. */
export function createClient() {
  const auth = new SetContextLink((previous) => {
    const token = sessionStore.get()?.token;
    return { headers: { ...previous.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } };
  });
  return new ApolloClient({
    link: ApolloLink.from([auth, new HttpLink({ uri: '/graphql' })]),
    cache: new InMemoryCache({
      // Regional views of one order are owned by different subgraphs; merge them into the order.
      typePolicies: { Order: { fields: { cn: { merge: true }, de: { merge: true }, sea: { merge: true } } } },
    }),
    defaultOptions: { watchQuery: { errorPolicy: 'all' }, query: { errorPolicy: 'all' }, mutate: { errorPolicy: 'all' } },
  });
}
