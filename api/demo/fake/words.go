package fake

// The word lists are read-only after initialisation.

var firstNames = []string{
	"Aaliyah", "Aaron", "Abigail", "Adam", "Adrian", "Aiden", "Aisha", "Alan", "Alejandro", "Alexander",
	"Alexis", "Alice", "Amara", "Amelia", "Amir", "Ana", "Andrea", "Andrew", "Angela", "Anna",
	"Anthony", "Arjun", "Aryan", "Ava", "Beatriz", "Benjamin", "Bianca", "Brandon", "Brian", "Bruno",
	"Caleb", "Camila", "Carlos", "Caroline", "Catherine", "Charles", "Charlotte", "Chen", "Chloe", "Christopher",
	"Claire", "Daniel", "David", "Deepa", "Diana", "Diego", "Dmitri", "Dylan", "Eduardo", "Elena",
	"Elijah", "Elizabeth", "Ella", "Emily", "Emma", "Eric", "Ethan", "Eva", "Fatima", "Felix",
	"Fernando", "Fiona", "Gabriel", "Grace", "Hana", "Hannah", "Harper", "Hassan", "Henry", "Hiroshi",
	"Ibrahim", "Ines", "Isaac", "Isabella", "Ivan", "Jack", "Jacob", "James", "Jasmine", "Javier",
	"Jennifer", "Jessica", "Jin", "Joanna", "John", "Jonathan", "Jorge", "José", "Joseph", "Joshua",
	"Julia", "Julian", "Kai", "Karen", "Katarzyna", "Kevin", "Kiara", "Laura", "Layla", "Leah",
	"Leila", "Leo", "Liam", "Lily", "Lucas", "Lucia", "Luis", "Maja", "Malik", "Marco",
	"Margaret", "Maria", "Mark", "Mateo", "Matthew", "Maya", "Mei", "Mia", "Michael", "Miguel",
	"Mohammed", "Nadia", "Naomi", "Natalia", "Nathan", "Nia", "Nicholas", "Nikhil", "Noah", "Nora",
	"Oliver", "Olivia", "Omar", "Oscar", "Owen", "Pablo", "Patrick", "Paul", "Priya", "Rachel",
	"Rafael", "Rahul", "Rebecca", "Ricardo", "Riley", "Robert", "Rosa", "Ryan", "Samantha", "Samuel",
	"Sara", "Sebastian", "Sofia", "Sophie", "Stefan", "Stephanie", "Sung", "Tariq", "Thomas", "Tomás",
	"Valentina", "Victoria", "Vikram", "William", "Wei", "Xavier", "Yara", "Yusuf", "Zara", "Zoe",
}

var lastNames = []string{
	"Abbott", "Adeyemi", "Ahmed", "Alvarez", "Andersen", "Bailey", "Baker", "Banerjee", "Barnes", "Becker",
	"Bennett", "Bergström", "Brooks", "Brown", "Campbell", "Carter", "Castro", "Chang", "Chen", "Clarke",
	"Collins", "Cooper", "Costa", "Cruz", "Davies", "Diaz", "Dubois", "Edwards", "Evans", "Fischer",
	"Fernández", "Fitzgerald", "Flores", "Foster", "García", "Gonzalez", "Gray", "Green", "Gupta", "Hall",
	"Hansen", "Harris", "Hayes", "Hernández", "Hill", "Hoffmann", "Hughes", "Ibrahim", "Ito", "Jackson",
	"Jansen", "Jensen", "Johnson", "Jones", "Kapoor", "Kaur", "Kelly", "Khan", "Kim", "King",
	"Kowalski", "Kumar", "Larsen", "Lee", "Lewis", "Li", "Lin", "Lopez", "Martin", "Martínez",
	"Mendes", "Meyer", "Miller", "Mitchell", "Moore", "Morales", "Morgan", "Müller", "Murphy", "Nakamura",
	"Nguyen", "Nielsen", "Novak", "O'Brien", "Okafor", "Olsen", "Ortiz", "Owusu", "Park", "Patel",
	"Perez", "Petrov", "Phillips", "Popescu", "Price", "Quinn", "Ramirez", "Reed", "Reyes", "Richter",
	"Rivera", "Roberts", "Rodriguez", "Rossi", "Russo", "Sato", "Schmidt", "Schneider", "Scott", "Shah",
	"Silva", "Singh", "Smith", "Sokolov", "Suzuki", "Tanaka", "Taylor", "Thomas", "Thompson", "Torres",
	"Turner", "Walker", "Wang", "Watanabe", "Weber", "White", "Williams", "Wilson", "Wong", "Wright",
	"Wu", "Yamamoto", "Yang", "Young", "Zhang", "Zhou", "Zimmermann",
}

var jobTitles = []string{
	"Field Technician", "Senior Field Technician", "Service Manager", "Dispatcher", "Operations Lead",
	"Training Coordinator", "Safety Officer", "Maintenance Engineer", "Quality Inspector", "HVAC Specialist",
	"Electrician", "Plant Supervisor", "Content Author", "Instructional Designer", "Support Engineer",
	"Account Manager", "Regional Director", "Apprentice Technician", "Warehouse Lead", "Data Analyst",
}

var adjectives = []string{
	"Advanced", "Applied", "Certified", "Coastal", "Digital", "Field", "Friday", "Green", "Modern", "Northern",
	"Open", "Practical", "Regional", "Remote", "Safe", "Smart", "Southern", "Urban", "Weekend", "Young",
}

var nouns = []string{
	"Builders", "Circle", "Crew", "Engineers", "Explorers", "Guild", "Innovators", "Learners", "Makers", "Mentors",
	"Network", "Pioneers", "Readers", "Riders", "Society", "Squad", "Technicians", "Thinkers", "Volunteers", "Workshop",
}
