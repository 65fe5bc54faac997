import type { View } from '../page';
import { accountView } from './account';
import { forgotPasswordView } from './forgot-password';
import { resetPasswordView } from './reset-password';
import { signInView } from './sign-in';
import { signUpView } from './sign-up';

/** Every view, by id (the URL's hash). The first of each audience is where that state starts. */
export const views: readonly View[] = [signInView, signUpView, forgotPasswordView, resetPasswordView, accountView];
