'use strict';
// Starts the AWS stand-ins for the AWS store's tests and benchmark on free loopback ports, and prints one JSON line:
// {"dynamodb": <port>, "s3": <port>}. Exits when its standard input closes (the test process ended).
//
// dynalite (4.0.0, the latest) implements neither TransactWriteItems nor UpdateTimeToLive
// (https://github.com/architect/dynalite/issues/151), and the store relies on both. So DynamoDB requests reach
// dynalite through a small front that adds them:
// - Every request passes through one queue, one at a time. A transaction therefore runs alone: it reads each item,
//   applies each action as dynalite's own conditional PutItem/UpdateItem/DeleteItem (dynalite evaluates every
//   expression), and if any condition fails it restores the items it changed and answers
//   TransactionCanceledException with a reason per item, as DynamoDB does. Nobody can observe the intermediate state.
// - UpdateTimeToLive/DescribeTimeToLive record the setting; nothing expires (the store never relies on TTL deletion).
// Everything else is dynalite's, byte for byte.
const http = require('http');
const os = require('os');
const path = require('path');
const fs = require('fs');
const dynalite = require('dynalite');
const S3rver = require('s3rver');

const target = 'DynamoDB_20120810.';
const ttl = new Map();
const keySchemas = new Map();
let queue = Promise.resolve();
let innerPort;

function call(action, body, headers) {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1', port: innerPort, method: 'POST', path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target + action, 'content-length': payload.length,
        authorization: headers.authorization, 'x-amz-date': headers['x-amz-date'] || new Date().toISOString(),
      },
    }, response => {
      const chunks = [];
      response.on('data', c => chunks.push(c));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode, body: text ? JSON.parse(text) : {} });
      });
    });
    request.on('error', reject);
    request.end(payload);
  });
}

async function keyOf(table, item, headers) {
  if (!keySchemas.has(table)) {
    const described = await call('DescribeTable', { TableName: table }, headers);
    if (described.status !== 200) throw Object.assign(new Error('describe'), { reply: described });
    keySchemas.set(table, described.body.Table.KeySchema.map(k => k.AttributeName));
  }
  const key = {};
  for (const name of keySchemas.get(table)) key[name] = item[name];
  return key;
}

function reply(status, body) {
  return { status, body };
}

function validation(message) {
  return reply(400, { __type: 'com.amazon.coral.validate#ValidationException', message });
}

async function transact(input, headers) {
  const items = input.TransactItems || [];
  if (items.length === 0 || items.length > 100) return validation('TransactItems must hold 1 to 100 actions.');
  const actions = [];
  const seen = new Set();
  for (const entry of items) {
    const [kind, op] = Object.entries(entry)[0];
    const key = op.Key || await keyOf(op.TableName, op.Item, headers);
    const id = op.TableName + '\n' + JSON.stringify(key);
    if (seen.has(id)) return validation('Transaction request cannot include multiple operations on one item');
    seen.add(id);
    const before = await call('GetItem', { TableName: op.TableName, Key: key, ConsistentRead: true }, headers);
    if (before.status !== 200) return reply(before.status, before.body);
    actions.push({ kind, op, key, old: before.body.Item });
  }

  const reasons = [];
  const applied = [];
  for (const action of actions) {
    const { kind, op } = action;
    const common = {
      TableName: op.TableName, ConditionExpression: op.ConditionExpression,
      ExpressionAttributeNames: op.ExpressionAttributeNames, ExpressionAttributeValues: op.ExpressionAttributeValues,
    };
    let result;
    if (kind === 'Put') {
      result = await call('PutItem', { ...common, Item: op.Item }, headers);
    } else if (kind === 'Update') {
      result = await call('UpdateItem', { ...common, Key: op.Key, UpdateExpression: op.UpdateExpression }, headers);
    } else if (kind === 'Delete') {
      result = await call('DeleteItem', { ...common, Key: op.Key }, headers);
    } else if (kind === 'ConditionCheck') {
      // Rewriting the item as it is, under the condition, checks it; the item is restored below either way.
      result = await call('PutItem', { ...common, Item: action.old || action.key }, headers);
    } else {
      result = validation('Unknown transaction action ' + kind);
    }

    if (result.status === 200) {
      reasons.push({ Code: 'None' });
      applied.push(action);
    } else if (String(result.body.__type || '').endsWith('ConditionalCheckFailedException')) {
      reasons.push({ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' });
    } else {
      await restore(applied, headers);
      return reply(result.status, result.body);
    }
  }

  const failed = reasons.some(r => r.Code !== 'None');
  await restore(failed ? applied : applied.filter(a => a.kind === 'ConditionCheck'), headers);
  if (!failed) return reply(200, {});
  return reply(400, {
    __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [' + reasons.map(r => r.Code).join(', ') + ']',
    CancellationReasons: reasons,
  });
}

async function restore(actions, headers) {
  for (const action of actions.slice().reverse()) {
    const table = action.op.TableName;
    const result = action.old
      ? await call('PutItem', { TableName: table, Item: action.old }, headers)
      : await call('DeleteItem', { TableName: table, Key: action.key }, headers);
    if (result.status !== 200) throw new Error('Could not restore an item: ' + JSON.stringify(result.body));
  }
}

async function handle(action, raw, headers) {
  if (action === 'TransactWriteItems') return transact(JSON.parse(raw), headers);
  if (action === 'UpdateTimeToLive') {
    const input = JSON.parse(raw);
    ttl.set(input.TableName, input.TimeToLiveSpecification);
    return reply(200, { TimeToLiveSpecification: input.TimeToLiveSpecification });
  }
  if (action === 'DescribeTimeToLive') {
    const spec = ttl.get(JSON.parse(raw).TableName);
    return reply(200, { TimeToLiveDescription: spec ? { TimeToLiveStatus: 'ENABLED', AttributeName: spec.AttributeName } : { TimeToLiveStatus: 'DISABLED' } });
  }
  return null;
}

function forward(req, raw, res) {
  return new Promise(resolve => {
    const request = http.request({ host: '127.0.0.1', port: innerPort, method: req.method, path: req.url, headers: req.headers }, response => {
      res.writeHead(response.statusCode, response.headers);
      response.pipe(res);
      response.on('end', resolve);
    });
    request.on('error', error => {
      res.writeHead(500);
      res.end(String(error));
      resolve();
    });
    request.end(raw);
  });
}

function front(req, res) {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    const action = String(req.headers['x-amz-target'] || '').replace(target, '');
    queue = queue.then(async () => {
      try {
        const answer = await handle(action, raw.toString('utf8'), req.headers);
        if (answer === null) return forward(req, raw, res);
        const body = JSON.stringify(answer.body);
        res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      } catch (error) {
        const body = JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: String(error && error.stack || error) });
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(body);
      }
    });
  });
}

async function main() {
  const inner = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise(resolve => inner.listen(0, '127.0.0.1', resolve));
  innerPort = inner.address().port;
  const outer = http.createServer(front);
  await new Promise(resolve => outer.listen(0, '127.0.0.1', resolve));

  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, resetOnClose: true });
  const s3Address = await s3.run();

  process.stdout.write(JSON.stringify({ dynamodb: outer.address().port, s3: s3Address.port }) + '\n');
  const stop = () => {
    fs.rmSync(directory, { recursive: true, force: true });
    process.exit(0);
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(String(error && error.stack || error) + '\n');
  process.exit(1);
});
