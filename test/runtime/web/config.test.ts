/** The local web's options. */
import { parseLocalWebConfig } from '../../../runtime/web/config';

test('config: LOCAL_WEB_USERS_FILE overrides the users file; a bad restAddress fails fast', () => {
  expect(parseLocalWebConfig({ restAddress: 'http://127.0.0.1:8080' }, { LOCAL_WEB_USERS_FILE: '/x/users.json' }).usersFile).toBe('/x/users.json');
  expect(() => parseLocalWebConfig({ restAddress: 'nope', port: -1 }, {})).toThrow(/port.*restAddress|restAddress.*port/s);
});
