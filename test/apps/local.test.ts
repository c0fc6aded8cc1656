/** `npm start`'s derived settings: every URL mailed or linked follows the configured ports, on one host name. */
import { asLinked, localServiceEnv } from '../../apps/local';

test('TASKLIST_URL and the menu link follow the task list as started (RUNTIME_WEB_PORT), unless set', () => {
  const env = localServiceEnv({ restAddress: 'http://localhost:18080', webAddress: 'http://localhost:18081' }, { SERVICE_PORT: '3300' });
  expect(env.TASKLIST_URL).toBe('http://localhost:18081/');
  expect(env.LOCAL_WEB_URL).toBe('http://localhost:18081');
  expect(env.PUBLIC_BASE_URL).toBe('http://localhost:3300');
  expect(env.ZEEBE_REST_ADDRESS).toBe('http://localhost:18080');
  // an explicit setting wins
  expect(localServiceEnv({ restAddress: 'http://localhost:18080', webAddress: 'http://localhost:18081' }, { TASKLIST_URL: 'https://tasklist.example/' }).TASKLIST_URL).toBe('https://tasklist.example/');
  // without the local web (RUNTIME_WEB=false) nothing links it
  expect(localServiceEnv({ restAddress: 'http://localhost:18080' }, {}).LOCAL_WEB_URL).toBeUndefined();
});

test('printed addresses use the host name the links use', () => {
  expect(asLinked('http://127.0.0.1:3000')).toBe('http://localhost:3000');
  expect(asLinked('http://[::1]:3000')).toBe('http://localhost:3000');
  expect(asLinked('http://sesam.example:3000/')).toBe('http://sesam.example:3000');
});
