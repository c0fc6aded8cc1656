import { sdkVariables } from '../../../lib/camunda/restClient';

describe('the SDK reads its own variables (lib/camunda/restClient.ts)', () => {
  test('the SDK’s variables in an environment, typed as the SDK types them; other variables and gRPC settings left out', async () => {
    // given an environment that is not process.env
    const env = {
      ZEEBE_TOKEN_AUDIENCE: 'zeebe.region.se',
      CAMUNDA_TENANT_ID: 'hjalpmedel',
      CAMUNDA_OAUTH_TOKEN_REFRESH_THRESHOLD_MS: '5000',
      CAMUNDA_OAUTH_DISABLED: 'true',
      CAMUNDA_TOKEN_DISK_CACHE_DISABLE: '0',
      CAMUNDA_CUSTOM_ROOT_CERT_PATH: '/etc/ssl/region.pem',
      ZEEBE_GRPC_CLIENT_MAX_RETRIES: '3',
      CAMUNDA_LOG_LEVEL: '',
      SMTP_URL: 'smtp://x',
    };
    // when
    const variables = await sdkVariables(env);
    // then
    expect(variables).toEqual({
      ZEEBE_TOKEN_AUDIENCE: 'zeebe.region.se',
      CAMUNDA_TENANT_ID: 'hjalpmedel',
      CAMUNDA_OAUTH_TOKEN_REFRESH_THRESHOLD_MS: 5000,
      CAMUNDA_OAUTH_DISABLED: true,
      CAMUNDA_TOKEN_DISK_CACHE_DISABLE: false,
      CAMUNDA_CUSTOM_ROOT_CERT_PATH: '/etc/ssl/region.pem',
    });
  });
});
