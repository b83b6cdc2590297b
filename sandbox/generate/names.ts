/**
 * Name and place pools for synthetic people: common names across the communities an English
 * mental-health trust serves. Places are fictional (the "SB" postcode area does not exist) and
 * phone numbers come from Ofcom's range reserved for drama (07700 900000–900999), so no
 * generated contact detail reaches a real person.
 */
export const GIVEN_FEMALE = [
  'Olivia', 'Amelia', 'Sophie', 'Emily', 'Grace', 'Hannah', 'Chloe', 'Jessica', 'Ruby', 'Ellie',
  'Aisha', 'Fatima', 'Priya', 'Sana', 'Zainab', 'Amara', 'Chidinma', 'Ngozi', 'Agnieszka', 'Zofia',
  'Margaret', 'Patricia', 'Susan', 'Linda', 'Janet', 'Karen', 'Claire', 'Nicola', 'Siobhan', 'Mei',
] as const;

export const GIVEN_MALE = [
  'Oliver', 'George', 'Harry', 'Jack', 'Jacob', 'Noah', 'Charlie', 'Thomas', 'James', 'William',
  'Mohammed', 'Ahmed', 'Imran', 'Arjun', 'Rohan', 'Kwame', 'Chinedu', 'Tunde', 'Piotr', 'Tomasz',
  'David', 'Michael', 'Paul', 'Robert', 'Stephen', 'Mark', 'Gareth', 'Liam', 'Sean', 'Wei',
] as const;

export const FAMILY_NAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
  'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall',
  'Khan', 'Patel', 'Begum', 'Hussain', 'Ali', 'Shah', 'Okafor', 'Adeyemi', 'Mensah', 'Nowak',
  'Kowalski', 'Murphy', "O'Brien", 'Chen', 'Wong', 'Campbell', 'Stewart', 'Clarke', 'Lewis', 'Jackson',
] as const;

export const STREETS = [
  'Elm Road', 'Station Road', 'Church Lane', 'Victoria Street', 'Mill Lane', 'Park Avenue', 'The Crescent',
  'Queens Road', 'High Street', 'Orchard Close', 'Meadow Way', 'Canal Street', 'Albert Terrace', 'Willow Drive',
] as const;

/** Fictional towns of the fictional trust, each with its fictional postcode district. */
export const TOWNS = [
  { town: 'Sandbury', district: 'SB1' },
  { town: 'Sandbury', district: 'SB2' },
  { town: 'Northgate', district: 'SB4' },
  { town: 'Lowmoor', district: 'SB7' },
  { town: 'Eastwick Vale', district: 'SB9' },
] as const;

export const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
