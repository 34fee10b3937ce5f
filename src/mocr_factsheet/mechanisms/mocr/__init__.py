"""Municipal Offices for Communities and Return: the yearly sheet, the profiles, the trends."""
