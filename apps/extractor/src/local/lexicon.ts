/** Closed word lists the rules and the classifier share. */

function list(text: string): string[] {
  return text.split('|');
}

export const OCCUPATIONS = new Set(
  (
    'engineer developer programmer coder architect designer teacher professor lecturer tutor ' +
    'doctor physician surgeon dentist nurse pharmacist therapist psychologist psychiatrist ' +
    'veterinarian vet lawyer attorney paralegal judge accountant auditor banker trader broker ' +
    'analyst consultant manager director executive ceo cto cfo founder cofounder co-founder entrepreneur ' +
    'owner administrator admin assistant secretary receptionist clerk cashier salesperson ' +
    'marketer writer author journalist editor reporter blogger photographer artist painter ' +
    'illustrator animator musician singer drummer guitarist pianist composer producer actor ' +
    'actress dancer chef cook baker barista bartender waiter waitress server driver pilot ' +
    'mechanic electrician plumber carpenter builder contractor technician farmer gardener ' +
    'scientist researcher biologist chemist physicist mathematician economist statistician ' +
    'student intern apprentice officer soldier firefighter policeman detective guard ' +
    'librarian translator interpreter pastor priest coach trainer athlete nutritionist ' +
    'dietitian paramedic caregiver nanny housekeeper cleaner freelancer contractor ' +
    'specialist strategist recruiter planner scrum product lead ux ui sre devops tester ' +
    'housewife homemaker retiree pensioner influencer streamer youtuber podcaster'
  ).split(' '),
);

export const JOB_STATES = list('retired|unemployed|self-employed|between jobs|a freelancer');

/** Capitalised words after "I am" that are not names. */
export const NOT_NAMES = new Set(
  (
    'american chinese english british french german italian spanish japanese korean indian ' +
    'canadian mexican brazilian russian australian irish scottish dutch swedish norwegian ' +
    'danish polish greek turkish thai vietnamese filipino indonesian malaysian singaporean ' +
    'african european asian latino latina hispanic arab jewish muslim christian catholic ' +
    'buddhist hindu atheist vegan vegetarian here there back sorry fine good okay ok ready ' +
    'sure not also just still new from in at so very really happy sad tired glad excited ' +
    'afraid allergic married single divorced the a an going looking trying planning'
  ).split(' '),
);

export const SPOUSES = list('wife|husband|partner|spouse|girlfriend|boyfriend|fiance|fiancee');
export const RELATIVES = [
  ...SPOUSES,
  ...list(
    'son|daughter|kid|child|baby|brother|sister|mother|father|mom|mum|dad|grandmother|' +
      'grandfather|grandma|grandpa|uncle|aunt|cousin|niece|nephew|friend|best friend|' +
      'roommate|dog|cat|puppy|kitten|pet|parrot|rabbit|hamster',
  ),
];
export const RELATIVE_PLURALS: Record<string, string> = {
  sons: 'son',
  daughters: 'daughter',
  kids: 'kid',
  children: 'kid',
  child: 'kid',
  babies: 'baby',
  brothers: 'brother',
  sisters: 'sister',
  dogs: 'dog',
  cats: 'cat',
  pets: 'pet',
  cousins: 'cousin',
  grandchildren: 'grandchild',
  grandkids: 'grandchild',
  siblings: 'sibling',
  twins: 'twin',
};

export const CORE_DIETS = list(
  'vegetarian|vegan|pescatarian|pescetarian|flexitarian|omnivore|carnivore',
);
export const DIET_RULES = list(
  'keto|ketogenic|paleo|halal|kosher|gluten-free|gluten free|dairy-free|dairy free|' +
    'low-carb|low carb|low-sodium|low sodium|low-fat|low fat|sugar-free|sugar free|' +
    'plant-based|plant based|raw food|mediterranean',
);
export const CONDITION_ADJECTIVES = list(
  'diabetic|pre-diabetic|prediabetic|asthmatic|pregnant|celiac|coeliac|epileptic|' +
    'anemic|anaemic|hypertensive|colorblind|color blind|deaf|hard of hearing|blind|' +
    'disabled|autistic|dyslexic|insomniac',
);
export const CONDITION_NOUNS = list(
  'type 1 diabetes|type 2 diabetes|diabetes|asthma|celiac disease|coeliac disease|' +
    'high blood pressure|low blood pressure|hypertension|high cholesterol|arthritis|' +
    'migraines|migraine|a bad back|back pain|a heart condition|heart disease|adhd|' +
    'anxiety|depression|insomnia|eczema|ibs|gout|epilepsy|acid reflux|kidney disease|' +
    'a peanut allergy|a nut allergy|lactose intolerance|gluten intolerance|' +
    'a knee injury|a sore knee|cancer|long covid',
);
export const INTOLERANCES = list('lactose|gluten|fructose|histamine|caffeine|alcohol|dairy');

export const CURRENCY_WORDS = list(
  'yuan|rmb|cny|kuai|dollars|dollar|usd|bucks|euros|euro|eur|pounds|pound|gbp|quid|' +
    'yen|jpy|rupees|rupee|inr|won|krw|francs|franc|chf|pesos|peso|reais|baht|ringgit|' +
    'dong|rubles|roubles|aud|cad|sgd|hkd|nzd|sek|nok|dkk|zloty|lira',
);

/** Verbs after "I want to" that ask for something now rather than state a lasting goal. */
export const EPHEMERAL_WANTS = new Set(
  (
    'know ask check see say tell confirm understand clarify talk chat make sure double-check ' +
    'thank add mention point note remind start continue stop go back try again'
  ).split(' '),
);

/** Verbs after "I will" that are conversational promises, not plans. */
export const EPHEMERAL_WILLS = new Set(
  'check let think see try get ask tell keep wait consider look do send text call reply be take'.split(
    ' ',
  ),
);

export const NUMBER_WORDS: Record<string, string> = {
  a: '1',
  an: '1',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  twins: '2',
};
