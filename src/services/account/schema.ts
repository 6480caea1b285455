// The Account slice of an account's snapshot (AWS Account Management): the alternate contacts and the primary contact.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const alternateContactSchema = z.object({
  name: z.string(),
  title: z.string(),
  emailAddress: z.string(),
  phoneNumber: z.string(),
});
export type AlternateContact = z.infer<typeof alternateContactSchema>;

/** Account GetContactInformation: the primary contact (who AWS writes to about the account). */
export const contactInformationSchema = z.object({
  fullName: z.string(),
  companyName: z.string().nullable(),
  phoneNumber: z.string(),
  addressLine1: z.string(),
  city: z.string(),
  postalCode: z.string(),
  countryCode: z.string(),
});
export type ContactInformation = z.infer<typeof contactInformationSchema>;

export const accountSettingsSchema = z.object({
  /** null: no contact of that type registered (ResourceNotFoundException). */
  alternateContacts: z.object({
    security: collectedSchema(alternateContactSchema.nullable()),
    billing: collectedSchema(alternateContactSchema.nullable()),
    operations: collectedSchema(alternateContactSchema.nullable()),
  }),
  /** null: no primary contact information recorded (ResourceNotFoundException). */
  contactInformation: collectedSchema(contactInformationSchema.nullable()),
});
export type AccountSettingsSlice = z.infer<typeof accountSettingsSchema>;
