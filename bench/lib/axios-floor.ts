/**
 * The floor the required stack sets: axios, configured as our client configures it, over our
 * node:http adapter, with nothing of lamin-vault around it (no path encoding, options,
 * deadline, retries, envelope or schema checks). floor − raw is axios's request pipeline;
 * ours − floor is what lamin-vault itself adds. Same interface as the raw baseline.
 */
import http from 'node:http';
import { Axios } from 'axios';
import { createNodeAdapter } from '../../src/http/node-adapter.js';
import type { RawClient, RawReply } from './raw-client.js';

export function axiosFloorClient(address: string, token: string): RawClient {
  const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
  const axios = new Axios({ adapter: createNodeAdapter(agent) });
  const request = async (method: string, path: string, body?: object): Promise<RawReply> => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { 'X-Vault-Token': token };
    if (data !== undefined) headers['Content-Type'] = 'application/json';
    const res = await axios.request<string>({ url: `${address}/v1/${path}`, method, headers, data });
    return { status: res.status, body: res.data === '' ? undefined : JSON.parse(res.data) };
  };
  return {
    request,
    async read(path) {
      const res = await request('GET', path);
      if (res.status !== 200) throw new Error(`axios floor GET ${path}: HTTP ${res.status}`);
      return res.body.data;
    },
    close: () => agent.destroy(),
  };
}
