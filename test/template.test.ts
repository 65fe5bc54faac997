import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CONFIG_VARIABLES } from '../src/config';
import { filesUnder, parseSamTemplate, ROOT, type SamTemplate, samPython } from './support/sam';

/**
 * Tests template.yaml as written (what `sam deploy` deploys): least-privilege policies, the function,
 * authorizer and table settings, and the deploy docs. Needs the SAM CLI virtualenv, not a build; the
 * `sam build` output is tested in test/sam-artifact.test.ts.
 */

describe('template.yaml', () => {
  interface Statement {
    Sid: string;
    Action: string | string[];
    Resource: unknown;
  }
  type PolicyEntry = Statement | { 'Fn::If': [string, Statement | { Ref: string }, Statement | { Ref: string }] };

  let parsedTemplate: SamTemplate | undefined;
  function loadTemplate(): SamTemplate {
    parsedTemplate ??= parseSamTemplate(join(ROOT, 'template.yaml'));
    return parsedTemplate;
  }

  /**
   * A function's policy statements, conditional ones (`!If [Cond, statement, !Ref AWS::NoValue]`) included
   * as if their condition held: the most the role can ever be granted.
   */
  function statementsOf(functionName: string): Statement[] {
    const fn = loadTemplate().Resources[functionName]!.Properties;
    assert.equal(
      (fn.Policies as unknown[]).length,
      1,
      `${functionName}: one inline policy, no managed policies (no *FullAccess)`,
    );
    const entries = (fn.Policies as Array<{ Statement: PolicyEntry[] }>).flatMap((policy) => policy.Statement);
    return entries.flatMap((entry) => {
      if (!('Fn::If' in entry)) return [entry];
      const [, whenTrue, whenFalse] = entry['Fn::If'];
      return [whenTrue, whenFalse].filter((branch): branch is Statement => !('Ref' in branch));
    });
  }
  const actionsOf = (statement: Statement) => [statement.Action].flat();

  /** Both functions read the JWT secret, and with ES256 the signing keys, each alone; the auth function alone the MFA keys. */
  function assertSecretStatements(statements: Statement[], options: { mfaKeys: boolean }): void {
    const secret = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('secretsmanager:')));
    const arnOf = (parameter: string) => ({
      'Fn::Sub': `arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:\${${parameter}}-??????`,
    });
    assert.deepEqual(secret, [
      {
        Sid: 'ReadJwtSecret',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: { 'Fn::If': ['CreateJwtSecret', { Ref: 'JwtSecret' }, arnOf('ExistingJwtSecretName')] },
      },
      {
        Sid: 'ReadSigningKeys',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: arnOf('SigningKeysSecretName'),
      },
      ...(options.mfaKeys
        ? [
            {
              Sid: 'ReadMfaKeys',
              Effect: 'Allow',
              Action: 'secretsmanager:GetSecretValue',
              Resource: { 'Fn::If': ['CreateMfaKeysSecret', { Ref: 'MfaKeysSecret' }, arnOf('ExistingMfaKeysSecretName')] },
            },
          ]
        : []),
    ]);
    assert.ok(!JSON.stringify(statements).includes('"*"'), 'no wildcard resources or actions');
  }

  /** Every action of the statements is one of these services'. */
  function assertOnlyServices(statements: Statement[], services: string[]): void {
    for (const statement of statements) {
      const service = new RegExp(`^(${services.join('|')}):`);
      assert.ok(
        actionsOf(statement).every((action) => service.test(action)),
        `only ${services.join(', ')}: ${statement.Sid}`,
      );
    }
  }

  it('grants only the DynamoDB actions the store uses, on the table alone, and the secrets alone', async () => {
    const statements = statementsOf('AuthFunction');

    const commandToAction: Record<string, string> = {
      GetCommand: 'dynamodb:GetItem',
      BatchGetCommand: 'dynamodb:BatchGetItem',
      PutCommand: 'dynamodb:PutItem',
      DeleteCommand: 'dynamodb:DeleteItem',
      UpdateCommand: 'dynamodb:UpdateItem',
      QueryCommand: 'dynamodb:Query',
    };
    const storeSource = (
      await Promise.all((await filesUnder(join(ROOT, 'src', 'store'))).map((file) => readFile(file, 'utf8')))
    ).join('\n');
    const used = Object.entries(commandToAction)
      .filter(([command]) => new RegExp(`new ${command}\\(`).test(storeSource))
      .map(([, action]) => action);

    const dynamo = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    assert.equal(dynamo.length, 1);
    const granted = actionsOf(dynamo[0]!);
    for (const action of used) assert.ok(granted.includes(action), `the store calls ${action} but the policy does not grant it`);
    for (const action of granted) assert.ok(used.includes(action), `${action} is granted but the store never calls it`);
    assert.deepEqual(dynamo[0]!.Resource, { 'Fn::GetAtt': ['AuthTable', 'Arn'] });
    assertSecretStatements(statements, { mfaKeys: true });
    assertOnlyServices(statements, ['dynamodb', 'secretsmanager', 'ses']);
  });

  it('grants ses:SendEmail, what src/mail/ sends, on the SesIdentity parameter alone', async () => {
    const mailSource = (
      await Promise.all((await filesUnder(join(ROOT, 'src', 'mail'))).map((file) => readFile(file, 'utf8')))
    ).join('\n');
    const sesCommands = [...mailSource.matchAll(/new (\w+Command)\(/g)].map((match) => match[1]);
    assert.deepEqual([...new Set(sesCommands)], ['SendEmailCommand'], 'src/mail/ calls SES v2 SendEmail and nothing else');
    const ses = statementsOf('AuthFunction').filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('ses:')),
    );
    assert.deepEqual(ses, [
      {
        Sid: 'SendMail',
        Effect: 'Allow',
        Action: 'ses:SendEmail',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not a JS template
        Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${SesIdentity}' },
      },
    ]);
    const env = (loadTemplate().Resources.AuthFunction!.Properties.Environment as { Variables: Record<string, unknown> })
      .Variables;
    assert.deepEqual(
      [env.EMAIL_TRANSPORT, env.EMAIL_FROM, env.PUBLIC_URL],
      ['ses', { Ref: 'SenderAddress' }, { Ref: 'PublicUrl' }],
    );
  });

  it('grants the authorizer BatchGetItem on the table (what the built authorizer was seen to send) and the same secrets', () => {
    const statements = statementsOf('AuthorizerFunction');
    const dynamo = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    // The built authorizer's DynamoDB calls are recorded in test/sam-artifact.test.ts ('the built authorizer'): BatchGetItem alone.
    assert.deepEqual(dynamo, [
      { Sid: 'ReadSessions', Effect: 'Allow', Action: 'dynamodb:BatchGetItem', Resource: { 'Fn::GetAtt': ['AuthTable', 'Arn'] } },
    ]);
    assertSecretStatements(statements, { mfaKeys: false });
    assertOnlyServices(statements, ['dynamodb', 'secretsmanager']);
  });

  it('configures the function and table as the deploy docs say', () => {
    const { Resources } = loadTemplate();
    const fn = Resources.AuthFunction!.Properties;
    assert.equal(fn.Handler, 'lambda.handler');
    assert.deepEqual(fn.Layers, [{ Ref: 'DependenciesLayer' }, { Ref: 'WebAssetsLayer' }]);
    assert.deepEqual(Resources.DependenciesLayer!.Properties.ContentUri, 'layers/dependencies/');
    // The page ships as it is in public/: no build step, so nothing but its own files goes into the layer.
    assert.deepEqual(
      [Resources.WebAssetsLayer!.Metadata, Resources.WebAssetsLayer!.Properties.ContentUri],
      [undefined, 'public/'],
    );
    const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    assert.equal(env.NODE_ENV, 'production');
    assert.ok('JWT_SECRET_ID' in env && !('JWT_SECRET' in env), 'the function gets the secret id, never the value');
    const tokenSettings = [
      'JWT_ALGORITHM',
      'JWT_SECRET_ID',
      'JWT_SIGNING_KEYS_SECRET_ID',
      'JWT_SIGNING_KID',
      'SESSION_ABSOLUTE_LIFETIME_SECONDS',
      'SESSION_IDLE_TIMEOUT_SECONDS',
      'TOKEN_TTL_SECONDS',
    ];
    const common = ['LOG_LEVEL', 'NODE_ENV', 'NODE_OPTIONS', 'TABLE_NAME', ...tokenSettings];
    assert.ok(
      'MFA_ENCRYPTION_KEYS_SECRET_ID' in env && !('MFA_ENCRYPTION_KEYS' in env),
      'the MFA key set by secret id, never the value',
    );
    const functionOnly = [
      'ALLOWED_ORIGINS',
      'BCRYPT_COST',
      'EMAIL_FROM',
      'EMAIL_TRANSPORT',
      'PUBLIC_URL',
      'MFA_ENCRYPTION_KEYS_SECRET_ID',
      'MFA_ENCRYPTION_KID',
      'METRICS_NAMESPACE',
    ];
    assert.deepEqual(Object.keys(env).sort(), [...common, ...functionOnly].sort());

    const table = Resources.AuthTable!.Properties;
    assert.equal(table.BillingMode, 'PAY_PER_REQUEST');
    assert.equal(table.TableName, undefined, 'the table name is generated');
    assert.deepEqual(table.TimeToLiveSpecification, { AttributeName: 'expiresAt', Enabled: true });
    assert.deepEqual(table.PointInTimeRecoverySpecification, { PointInTimeRecoveryEnabled: true });
    assert.equal(table.DeletionProtectionEnabled, true);
    assert.deepEqual(table.SSESpecification, { SSEEnabled: true });
  });

  it('gives the authorizer the same token and session settings as the function that issues the tokens', async () => {
    const { Resources } = loadTemplate();
    const authorizer = Resources.AuthorizerFunction!;
    assert.equal(authorizer.Properties.Handler, 'authorizer.handler');
    assert.equal(authorizer.Properties.CodeUri, 'src/');
    assert.equal(authorizer.Properties.Layers, undefined, 'no layers: no bcrypt, no page');
    const build = authorizer.Metadata?.BuildProperties as Record<string, unknown>;
    assert.deepEqual(
      [authorizer.Metadata?.BuildMethod, build.EntryPoints, build.External],
      ['esbuild', ['authorizer.ts', 'source-maps.ts'], undefined],
    );

    const issuing = (Resources.AuthFunction!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const env = (authorizer.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    // The authorizer hashes nothing and sends no mail (loadAuthorizerConfig reads no mail settings).
    // Nor does it open a TOTP secret: the MFA keys are the auth function's alone.
    const {
      ALLOWED_ORIGINS: _origins,
      BCRYPT_COST: _cost,
      EMAIL_TRANSPORT: _transport,
      EMAIL_FROM: _from,
      PUBLIC_URL: _url,
      MFA_ENCRYPTION_KEYS_SECRET_ID: _mfaKeys,
      MFA_ENCRYPTION_KID: _mfaKid,
      // It emits no metrics either (its EMF would be the issuing function's concern only).
      METRICS_NAMESPACE: _metrics,
      ...shared
    } = issuing;
    assert.deepEqual(env, shared, 'a setting that differs would make the authorizer judge tokens differently');

    // Every variable the template sets is one that src/config.ts reads.
    for (const name of Object.keys(issuing).filter((name) => name !== 'NODE_OPTIONS')) {
      assert.ok(CONFIG_VARIABLES.includes(name), `${name} is not a setting of src/config.ts`);
    }
  });

  it('puts the authorizer on the example route only and IAM on the admin routes: the auth routes stay public, nothing is cached', () => {
    const { Resources } = loadTemplate();
    const auth = Resources.AuthHttpApi!.Properties.Auth as {
      DefaultAuthorizer?: string;
      EnableIamAuthorizer?: boolean;
      Authorizers: Record<string, Record<string, unknown>>;
    };
    assert.equal(auth.DefaultAuthorizer, undefined);
    assert.equal(auth.EnableIamAuthorizer, true);
    assert.deepEqual(auth.Authorizers, {
      SessionAuthorizer: {
        FunctionArn: { 'Fn::GetAtt': ['AuthorizerFunction', 'Arn'] },
        AuthorizerPayloadFormatVersion: '2.0',
        EnableSimpleResponses: true,
        EnableFunctionDefaultPermissions: true,
        Identity: { ReauthorizeEvery: 0 },
      },
    });
    const eventsOf = (name: string) =>
      Object.values(Resources[name]!.Properties.Events as Record<string, { Properties: Record<string, unknown> }>);
    const authEvents = Resources.AuthFunction!.Properties.Events as Record<string, { Properties: Record<string, unknown> }>;
    assert.deepEqual(Object.keys(authEvents), ['Api', 'Admin']);
    assert.equal(authEvents.Api!.Properties.Auth, undefined);
    assert.deepEqual(authEvents.Admin!.Properties, {
      ApiId: { Ref: 'AuthHttpApi' },
      Path: '/admin/{proxy+}',
      Method: 'ANY',
      PayloadFormatVersion: '2.0',
      Auth: { Authorizer: 'AWS_IAM' },
    });
    assert.deepEqual(
      eventsOf('ProtectedExampleFunction').map((event) => event.Properties),
      [{ ApiId: { Ref: 'AuthHttpApi' }, Path: '/example/protected', Method: 'GET', Auth: { Authorizer: 'SessionAuthorizer' } }],
    );
  });

  it('translates (SAM transform, as CloudFormation runs it) to an HTTP API whose authorizer guards the example route alone, and IAM (SigV4) the admin routes', () => {
    // The transform needs S3 code locations, as `sam deploy` substitutes them; nothing here calls AWS.
    const script = [
      'import json, sys',
      'from samcli.yamlhelper import yaml_parse',
      'from samtranslator.translator.transform import transform',
      'template = yaml_parse(open(sys.argv[1]).read())',
      'for resource in template["Resources"].values():',
      '    properties = resource.get("Properties", {})',
      '    for key in ("CodeUri", "ContentUri"):',
      '        if key in properties: properties[key] = "s3://bucket/artifact.zip"',
      'class NoManagedPolicies:',
      '    def load(self): return {}',
      'print(json.dumps(transform(template, {}, NoManagedPolicies())))',
    ].join('\n');
    const translated = spawnSync(samPython(), ['-c', script, join(ROOT, 'template.yaml')], {
      encoding: 'utf8',
      env: { ...process.env, AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' },
    });
    assert.equal(translated.status, 0, translated.stderr);
    const output = JSON.parse(translated.stdout) as {
      Rules: Record<string, unknown>;
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    assert.ok('Es256NeedsSigningKeys' in output.Rules, 'the ES256 rule survives the transform');
    const api = output.Resources.AuthHttpApi!.Properties.Body as {
      paths: Record<string, Record<string, { security?: unknown; 'x-amazon-apigateway-integration': { uri: unknown } }>>;
      components: {
        securitySchemes: Record<string, Record<string, unknown> & { 'x-amazon-apigateway-authorizer': Record<string, unknown> }>;
      };
    };
    const routes = Object.entries(api.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => [`${method} ${path}`, operation.security ?? null]),
    );
    assert.deepEqual(Object.fromEntries(routes), {
      'x-amazon-apigateway-any-method $default': null,
      'x-amazon-apigateway-any-method /admin/{proxy+}': [{ AWS_IAM: [] }],
      'get /example/protected': [{ SessionAuthorizer: [] }],
    });
    // Every method under /admin/ is signed with SigV4 and reaches the auth function only through that check.
    assert.deepEqual(api.components.securitySchemes.AWS_IAM, {
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'awsSigv4',
    });
    assert.match(
      JSON.stringify(api.paths['/admin/{proxy+}']!['x-amazon-apigateway-any-method']!['x-amazon-apigateway-integration'].uri),
      /AuthFunction\.Arn/,
    );
    const authorizer = api.components.securitySchemes.SessionAuthorizer!['x-amazon-apigateway-authorizer'];
    assert.deepEqual(
      [
        authorizer.type,
        authorizer.authorizerPayloadFormatVersion,
        authorizer.enableSimpleResponses,
        authorizer.authorizerResultTtlInSeconds,
        authorizer.identitySource,
      ],
      ['request', '2.0', true, 0, []],
    );
    // API Gateway may invoke the authorizer, for this API's authorizers only.
    const permissions = Object.values(output.Resources).filter(
      (resource) =>
        resource.Type === 'AWS::Lambda::Permission' &&
        JSON.stringify(resource.Properties.FunctionName).includes('AuthorizerFunction'),
    );
    assert.equal(permissions.length, 1);
    assert.match(JSON.stringify(permissions[0]!.Properties.SourceArn), /\$\{__ApiId__\}\/authorizers\/\*/);
  });

  it('declares the alarms, each with its documented threshold, notifying the optional SNS topic', async () => {
    const { Resources, Parameters } = loadTemplate();
    const alarms = Object.entries(Resources).filter(([, resource]) => resource.Type === 'AWS::CloudWatch::Alarm');
    const thresholds = Object.fromEntries(alarms.map(([name, alarm]) => [name, alarm.Properties.Threshold]));
    assert.deepEqual(thresholds, {
      ServerErrorRateAlarm: 5,
      StoreErrorsAlarm: 5,
      StoreThrottlesAlarm: 10,
      FunctionThrottlesAlarm: 1,
      LoginFailureSpikeAlarm: { Ref: 'LoginFailuresAlarmThreshold' },
      LockoutSpikeAlarm: { Ref: 'LockoutsAlarmThreshold' },
    });
    assert.equal(Parameters.AlarmTopicArn?.Default, '');
    const topic = { 'Fn::If': ['HasAlarmTopic', [{ Ref: 'AlarmTopicArn' }], { Ref: 'AWS::NoValue' }] };
    for (const [name, alarm] of alarms) {
      assert.deepEqual(alarm.Properties.AlarmActions, topic, `${name} notifies the topic when there is one`);
      assert.deepEqual(alarm.Properties.OKActions, topic, name);
      assert.equal(alarm.Properties.TreatMissingData, 'notBreaching', name);
    }
    // The service's own metrics: the namespace the function emits them under, and their one dimension.
    const env = (Resources.AuthFunction!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub string, not a template literal
    const namespace = { 'Fn::Sub': 'ServerlessAuth/${AWS::StackName}' };
    assert.deepEqual(env.METRICS_NAMESPACE, namespace);
    for (const [name, metric] of [
      ['StoreErrorsAlarm', 'StoreErrors'],
      ['LoginFailureSpikeAlarm', 'LoginFailures'],
      ['LockoutSpikeAlarm', 'Lockouts'],
    ]) {
      const properties = Resources[name!]!.Properties;
      assert.deepEqual(
        [properties.Namespace, properties.MetricName, properties.Dimensions],
        [namespace, metric, [{ Name: 'service', Value: 'serverless-auth' }]],
      );
    }
    // docs/operations.md gives every alarm with its threshold.
    const operations = await readFile(join(ROOT, 'docs', 'operations.md'), 'utf8');
    for (const [name] of alarms) assert.ok(operations.includes(`\`${name}\``), `docs/operations.md does not describe ${name}`);
  });

  it('is what the deploy docs describe: every parameter with its default, memory, timeout, runtime', async () => {
    const { Parameters, Globals, Resources } = loadTemplate();
    const docs = await readFile(join(ROOT, 'docs', 'deploy.md'), 'utf8');
    for (const [name, { Default }] of Object.entries(Parameters)) {
      const row = docs.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      assert.ok(row, `docs/deploy.md has no parameter row for ${name}`);
      const documented = Default === undefined ? '| required |' : Default === '' ? '| empty |' : `| \`${Default}\` |`;
      assert.ok(row.includes(documented), `${name}'s default in the docs is not ${JSON.stringify(Default ?? 'required')}`);
    }
    for (const name of ['AuthFunction', 'AuthorizerFunction']) {
      const fn = Resources[name]!.Properties;
      assert.ok(
        docs.includes(`${fn.MemorySize} MB`) && docs.includes(`${fn.Timeout} s`),
        `${name}'s memory and timeout as in the template`,
      );
    }
    assert.deepEqual([Globals.Function.Runtime, Globals.Function.Architectures], ['nodejs24.x', ['arm64']]);
    assert.ok(docs.includes('`nodejs24.x`, arm64'));
  });
});
