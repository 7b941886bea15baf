/**
 * The store's use of the identity rules (utils/domain): the stored form of emails and links and the keys under which
 * they are indexed. The rules themselves live in utils/domain; this file only adapts them to stored values.
 */
import { emailKey, isProfileLink, linkKey, linkVariants, nameCompanyKey, storedLink } from '../domain';

export { isProfileLink, linkKey, linkVariants, nameCompanyKey };

/** The stored form (and index key) of an email address. */
export const normalizeEmail = emailKey;

/** The stored form of a link: canonical when it is an address, else as written. */
export const canonicalLink = storedLink;
