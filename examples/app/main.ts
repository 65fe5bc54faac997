import { createExampleApp } from './server';

// npm run example: the app at http://localhost:4000, signing in with the service at AUTH_URL.
const port = Number(process.env.PORT ?? 4000);
const app = await createExampleApp({
  authUrl: process.env.AUTH_URL ?? 'http://localhost:3000',
  issuer: process.env.JWT_ISSUER ?? 'serverless-auth',
  audience: process.env.JWT_AUDIENCE ?? 'serverless-auth',
});
app.listen(port, '127.0.0.1', () => console.log(`example app on http://localhost:${port}`));
