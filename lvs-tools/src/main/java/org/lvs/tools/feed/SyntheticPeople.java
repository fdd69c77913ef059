package org.lvs.tools.feed;

import java.util.List;

/**
 * Invented names and places. Phone numbers are in Ofcom's drama range (07700 900000 to 900999), emails at
 * example.org, postcodes in a made-up district: nothing here can reach a real person.
 */
final class SyntheticPeople {

    static final List<String> FEMALE = List.of("Amira", "Bethan", "Chloe", "Daisy", "Eleni", "Farah", "Grace",
            "Hannah", "Imogen", "Jasmine", "Kerry", "Layla", "Maisie", "Nadia", "Olivia", "Priya", "Rosa", "Sana",
            "Tamsin", "Una", "Violet", "Willow", "Yasmin", "Zara", "Aisha", "Bronwen", "Ciara", "Delphine", "Esme",
            "Freya", "Gemma", "Holly", "Isla", "Jade", "Keeley", "Leah", "Megan", "Niamh", "Orla", "Poppy");
    static final List<String> MALE = List.of("Aaron", "Bilal", "Callum", "Declan", "Ethan", "Faisal", "Gareth",
            "Harvey", "Idris", "Jamal", "Kieran", "Liam", "Mason", "Nathan", "Owen", "Pavel", "Rhys", "Samir",
            "Tariq", "Umar", "Vikram", "Wesley", "Yusuf", "Zane", "Alfie", "Brandon", "Connor", "Dylan", "Elliot",
            "Finley", "George", "Hamza", "Isaac", "Jacob", "Kyle", "Logan", "Marcus", "Noah", "Oscar", "Reece");
    static final List<String> NEUTRAL = List.of("Alex", "Charlie", "Jordan", "Morgan", "Riley", "Robin", "Sam",
            "Taylor", "Jesse", "Kai");
    static final List<String> SURNAMES = List.of("Ashworth", "Brindle", "Catterall", "Dewhurst", "Eccleston",
            "Fazackerley", "Greenhalgh", "Haworth", "Ingham", "Jolly", "Kershaw", "Lomax", "Marsden", "Nuttall",
            "Ormerod", "Pilling", "Quayle", "Rishton", "Sharples", "Tomlinson", "Unsworth", "Varley", "Whittaker",
            "Yates", "Ahmed", "Begum", "Chaudhry", "Desai", "Hussain", "Iqbal", "Khan", "Mistry", "Patel", "Rahman",
            "Shah", "Kowalski", "Nowak", "Okafor", "Mensah", "Duffy", "Gallagher", "Hughes", "Jones", "Kelly",
            "Lewis", "Murphy", "O'Neill", "Roberts", "Singh", "Taylor", "Walsh", "Wood", "Wright", "Zielinski");
    static final List<String> STREETS = List.of("Alder", "Beacon", "Cotton", "Dockside", "Elm", "Fell", "Garnet",
            "Heather", "Ivy", "Juniper", "Kiln", "Loom", "Mill", "Nettle", "Orchard", "Pennine", "Quarry", "Ribble",
            "Spindle", "Tannery", "Weaver", "Yarrow");
    static final List<String> STREET_KINDS = List.of("Street", "Road", "Lane", "Close", "Avenue", "Terrace");
    /** Fictional towns, so an address never names a real place. */
    static final List<String> TOWNS = List.of("Brackenford", "Cindermoor", "Dunwell", "Eskholme", "Fernleigh",
            "Gorsebridge", "Hollinsby", "Kettlewick", "Lowmoss", "Millthorpe", "Netherby Cross", "Oakhurst");

    private SyntheticPeople() {
    }
}
