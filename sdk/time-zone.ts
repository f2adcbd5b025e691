/** The time zone "today" is counted in (R8.1). Its own module: the widgets' runtime needs it without the rules. */
export const copenhagenTimeZone = 'Europe/Copenhagen';
